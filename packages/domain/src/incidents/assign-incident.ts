import type { Actor } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { findIncident } from "./find-incident";

/** Sets (or clears, with null) who works on the incident: free text such as an email (contract §9). */
export async function assignIncident(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; incidentId: string; assignee: string | null; actor: Actor },
): Promise<Incident> {
  const incident = await findIncident(deps.prisma, input.tenantId, input.incidentId);
  if (incident.assignee === input.assignee) return incident;
  const assigned = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { assignee: input.assignee } });
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: incident.id,
        actor: input.actor,
        message: input.assignee ? `Assigned to ${input.assignee}` : "Unassigned",
        event: { type: "incident.assigned", data: { assignee: input.assignee } },
      },
    ]);
    return updated;
  });
  deps.publisher.announce(input.tenantId);
  return assigned;
}
