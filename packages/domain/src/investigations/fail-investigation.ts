import { SYSTEM_ACTOR } from "@causeflow/contracts";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";

/**
 * Marks a running investigation failed (`investigation.failed`), so a new one can start. A no-op
 * when it is no longer running. Returns whether it changed anything.
 */
export async function failInvestigation(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { investigationId: string; reason: string },
): Promise<boolean> {
  const investigation = await deps.prisma.investigation.findUnique({ where: { id: input.investigationId } });
  if (!investigation || investigation.status !== "running") return false;
  const failed = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.investigation.updateMany({
      where: { id: input.investigationId, status: "running" },
      data: { status: "failed", finishedAt: new Date() },
    });
    if (updated.count === 0) return false;
    await appendActivity(tx, investigation.tenantId, [
      {
        incidentId: investigation.incidentId,
        actor: SYSTEM_ACTOR,
        message: `Investigation failed: ${input.reason}`,
        event: { type: "investigation.failed", data: { investigationId: investigation.id, reason: input.reason } },
      },
    ]);
    return true;
  });
  if (failed) deps.publisher.announce(investigation.tenantId);
  return failed;
}
