import type { Actor } from "@causeflow/contracts";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { AlreadyRevoked, NotFound } from "../errors";

/** Revokes an API key (`api_key.revoked`); a key revoked already is a conflict. */
export async function revokeApiKey(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; keyId: string; actor: Actor },
): Promise<void> {
  const key = await deps.prisma.apiKey.findFirst({ where: { id: input.keyId, tenantId: input.tenantId } });
  if (!key) throw new NotFound("API key");
  await deps.prisma.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) throw new AlreadyRevoked();
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `API key "${key.name}" revoked`,
        event: { type: "api_key.revoked", data: { keyId: key.id, name: key.name } },
      },
    ]);
  });
  deps.publisher.announce(input.tenantId);
}
