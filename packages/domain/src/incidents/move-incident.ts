import { canTransition, type IncidentStatus } from "@causeflow/contracts";
import { isRecordNotFound, type Incident, type Prisma } from "@causeflow/db";
import type { Tx } from "../domain-deps";
import { InvalidTransition } from "../errors";

type IncidentUpdate = Omit<Prisma.IncidentUpdateInput, "status">;

/**
 * The one place an incident's status changes: the lifecycle rule (`canTransition`) is checked,
 * and the update is conditional on the status that was read, so a concurrent change is never
 * overwritten. Returns null when the incident moved meanwhile (the caller re-reads or gives up);
 * throws InvalidTransition when the rule forbids the move. `to` equal to the status read keeps
 * the status and applies `data` under the same condition.
 */
export async function moveIncident(
  tx: Pick<Tx, "incident">,
  incident: Pick<Incident, "id" | "status">,
  to: IncidentStatus,
  options: { by: "manual" | "operation"; data?: IncidentUpdate } = { by: "operation" },
): Promise<Incident | null> {
  if (to !== incident.status && !canTransition(incident.status, to, options.by)) {
    throw new InvalidTransition(incident.status, to);
  }
  try {
    return await tx.incident.update({
      where: { id: incident.id, status: incident.status },
      data: { ...options.data, status: to },
    });
  } catch (error) {
    if (isRecordNotFound(error)) return null;
    throw error;
  }
}
