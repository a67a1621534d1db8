import type { Actor, IncidentStatus } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { findIncident } from "./find-incident";
import { moveIncident } from "./move-incident";

const MAX_ATTEMPTS = 5;

export interface ChangeStatusInput {
  tenantId: string;
  incidentId: string;
  to: IncidentStatus;
  actor: Actor;
}

/**
 * A person's status change (PATCH, contract §3): `resolved`/`closed` from any status, other moves
 * one step along the lifecycle. When the incident moves underneath (triage, an agent), the change
 * is re-read and retried against the new status, so "resolve" right after creation succeeds.
 */
export async function changeIncidentStatus(
  deps: Pick<DomainDeps, "prisma" | "publisher" | "dedup">,
  input: ChangeStatusInput,
): Promise<Incident> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const incident = await findIncident(deps.prisma, input.tenantId, input.incidentId);
    const moved = await deps.prisma.$transaction(async (tx) => {
      const updated = await moveIncident(tx, incident, input.to, {
        by: "manual",
        data: input.to === "resolved" ? { resolvedAt: new Date(), resolvedByKind: input.actor.kind } : {},
      });
      if (!updated) return null;
      await appendActivity(tx, input.tenantId, [
        {
          incidentId: incident.id,
          actor: input.actor,
          message: `Status changed from ${incident.status} to ${input.to}`,
          event:
            input.to === "resolved"
              ? { type: "incident.resolved", data: { from: incident.status, to: "resolved", eventId: null } }
              : { type: "incident.status_changed", data: { from: incident.status, to: input.to } },
        },
      ]);
      return updated;
    });
    if (!moved) continue;
    deps.publisher.announce(input.tenantId);
    if (input.to === "resolved" || input.to === "closed") {
      await deps.dedup.release({ tenantId: input.tenantId, provider: moved.source, sourceAlertId: moved.sourceAlertId });
    }
    return moved;
  }
  throw new Error(`incident ${input.incidentId} kept changing; retry`);
}
