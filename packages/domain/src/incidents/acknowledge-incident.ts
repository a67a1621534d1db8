import type { Actor } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { findIncident } from "./find-incident";

/**
 * Records that a person has seen the incident (contract §9): `acknowledgedAt` and `acknowledgedBy`
 * are set once; acknowledging again changes nothing and records nothing.
 */
export async function acknowledgeIncident(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; incidentId: string; actor: Actor },
): Promise<Incident> {
  const incident = await findIncident(deps.prisma, input.tenantId, input.incidentId);
  if (incident.acknowledgedAt) return incident;
  const now = new Date();
  const acknowledged = await deps.prisma.$transaction(async (tx) => {
    // Conditional on not yet acknowledged: two people at once record one acknowledgement.
    const updated = await tx.incident.updateMany({
      where: { id: incident.id, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedByKind: input.actor.kind, acknowledgedById: input.actor.id },
    });
    if (updated.count === 0) return false;
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: incident.id,
        actor: input.actor,
        message: "Acknowledged",
        event: { type: "incident.acknowledged", data: { acknowledgedAt: now.toISOString() } },
      },
    ]);
    return true;
  });
  if (acknowledged) deps.publisher.announce(input.tenantId);
  return findIncident(deps.prisma, input.tenantId, input.incidentId);
}
