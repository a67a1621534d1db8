import type { Actor } from "@causeflow/contracts";
import type { Silence } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { NotFound } from "../errors";

/** Ends a silence now (`silence.expired`); alerts that arrive afterwards open incidents again at once. */
export async function expireSilence(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; silenceId: string; actor: Actor },
): Promise<Silence> {
  const silence = await deps.prisma.silence.findFirst({ where: { id: input.silenceId, tenantId: input.tenantId } });
  if (!silence) throw new NotFound("silence");
  if (silence.expiredAt || silence.endsAt <= new Date()) return silence;
  const expired = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.silence.update({ where: { id: silence.id }, data: { expiredAt: new Date() } });
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `Silence expired: ${silence.comment}`,
        event: { type: "silence.expired", data: { silenceId: silence.id, comment: silence.comment } },
      },
    ]);
    return updated;
  });
  deps.publisher.announce(input.tenantId);
  return expired;
}
