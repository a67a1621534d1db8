import { newId, type Actor } from "@causeflow/contracts";
import type { ApiKey, PrismaClient } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { NotFound } from "../errors";
import type { SecretBox } from "../secrets/secret-box";
import { generateKeyMaterial } from "./api-key-material";

export const SCOPES = ["ingest", "read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Issues an API key and its webhook secret (`api_key.created`). The key is stored as a hash and
 * the secret sealed with SECRETS_KEY; both are returned once, here, and never again.
 */
export async function createApiKey(
  deps: Pick<DomainDeps, "prisma" | "publisher"> & { secrets: SecretBox },
  input: { tenantId: string; name: string; scopes: readonly Scope[]; actor: Actor },
): Promise<{ key: ApiKey; apiKey: string; webhookSecret: string }> {
  await requireTenant(deps.prisma, input.tenantId);
  const material = generateKeyMaterial();
  const key = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: newId("apiKey"),
        tenantId: input.tenantId,
        name: input.name,
        prefix: material.prefix,
        keyHash: material.keyHash,
        scopes: [...input.scopes],
        webhookSecretEnc: deps.secrets.seal(material.webhookSecret),
      },
    });
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `API key "${created.name}" created (${created.scopes.join(", ")})`,
        event: {
          type: "api_key.created",
          data: { keyId: created.id, name: created.name, prefix: created.prefix, scopes: created.scopes },
        },
      },
    ]);
    return created;
  });
  deps.publisher.announce(input.tenantId);
  return { key, apiKey: material.apiKey, webhookSecret: material.webhookSecret };
}

export async function requireTenant(prisma: Pick<PrismaClient, "tenant">, tenantId: string): Promise<void> {
  if (!(await prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw new NotFound("tenant");
}
