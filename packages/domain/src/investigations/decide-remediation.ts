import type { Actor } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { InvalidTransition, NoProposal } from "../errors";
import { findIncident } from "../incidents/find-incident";
import { moveIncident } from "../incidents/move-incident";

export interface RemediationDecision {
  tenantId: string;
  incidentId: string;
  decision: "approved" | "rejected";
  reason?: string;
  actor: Actor;
}

/**
 * A person approves the proposed remediation (incident → `remediating`) or rejects it (back to
 * `investigating` for a person to take over), with `remediation.approved|rejected` naming them.
 * Conditional on the proposal still being proposed and the status read: a second decision is a 409.
 */
export async function decideRemediation(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: RemediationDecision,
): Promise<Incident> {
  const incident = await findIncident(deps.prisma, input.tenantId, input.incidentId);
  const investigation = await deps.prisma.investigation.findFirst({
    where: { incidentId: incident.id },
    orderBy: { startedAt: "desc" },
  });
  if (!investigation || investigation.remediationStatus !== "proposed") throw new NoProposal();
  const to = input.decision === "approved" ? "remediating" : "investigating";
  const reason = input.reason ?? null;
  const updated = await deps.prisma.$transaction(async (tx) => {
    const decided = await tx.investigation.updateMany({
      where: { id: investigation.id, remediationStatus: "proposed" },
      data: {
        remediationStatus: input.decision,
        decidedAt: new Date(),
        decidedByKind: input.actor.kind,
        decidedById: input.actor.id,
        decisionReason: reason,
      },
    });
    if (decided.count === 0) throw new NoProposal();
    const moved = await moveIncident(tx, incident, to);
    if (!moved) throw new InvalidTransition(incident.status, to);
    const title = investigation.remediationTitle ?? "";
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: incident.id,
        actor: input.actor,
        message:
          input.decision === "approved"
            ? "Remediation approved"
            : `Remediation rejected${reason ? `: ${reason}` : ""}; back to investigating`,
        event:
          input.decision === "approved"
            ? { type: "remediation.approved", data: { investigationId: investigation.id, title, from: incident.status, to } }
            : {
                type: "remediation.rejected",
                data: { investigationId: investigation.id, title, reason, from: incident.status, to },
              },
      },
    ]);
    return moved;
  });
  deps.publisher.announce(input.tenantId);
  return updated;
}
