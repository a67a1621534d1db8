import type { Actor } from "@causeflow/contracts";
import type { Integration } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import { requireTenant } from "../api-keys/create-api-key";
import type { DomainDeps } from "../domain-deps";
import type { SecretBox } from "../secrets/secret-box";

export interface IntegrationChanges {
  enabled?: boolean;
  requireSignature?: boolean;
  /** Plain secrets: sealed here, never stored or echoed in clear. */
  signingSecrets?: string[];
  signatureToleranceSeconds?: number;
  requireSignatureTimestamp?: boolean;
  duplicateStatus?: 200 | 409 | null;
  verdictTimeoutMs?: number | null;
  allowedTopicArns?: string[];
  allowRawDelivery?: boolean;
}

/** Changes a tenant's settings for one provider (`integration.updated`, naming the fields changed, never their secrets). */
export async function updateIntegration(
  deps: Pick<DomainDeps, "prisma" | "publisher"> & { secrets: SecretBox },
  input: { tenantId: string; provider: string; changes: IntegrationChanges; actor: Actor },
): Promise<Integration> {
  await requireTenant(deps.prisma, input.tenantId);
  const { signingSecrets, ...rest } = input.changes;
  const data = { ...rest, ...(signingSecrets ? { signingSecretsEnc: signingSecrets.map((s) => deps.secrets.seal(s)) } : {}) };
  const { tenantId, provider } = input;
  const row = await deps.prisma.$transaction(async (tx) => {
    const saved = await tx.integration.upsert({
      where: { tenantId_provider: { tenantId, provider } },
      create: { tenantId, provider, ...data },
      update: data,
    });
    const changed = Object.keys(input.changes);
    await appendActivity(tx, tenantId, [
      {
        actor: input.actor,
        message: `Integration ${provider} updated${changed.length ? `: ${changed.join(", ")}` : ""}`,
        event: { type: "integration.updated", data: { provider, changed } },
      },
    ]);
    return saved;
  });
  deps.publisher.announce(tenantId);
  return row;
}
