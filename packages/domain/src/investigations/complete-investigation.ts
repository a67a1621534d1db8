import { SYSTEM_ACTOR, type AgentName, type RemediationProposal, type RootCause } from "@causeflow/contracts";
import { appendActivity, type ActivityInput } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { moveIncident } from "../incidents/move-incident";

export interface CompleteInvestigationInput {
  investigationId: string;
  rootCause: RootCause | null;
  proposal: RemediationProposal | null;
  failedAgents: readonly AgentName[];
}

/**
 * Finishes a running investigation: its root cause and proposal, `investigation.completed` and
 * `remediation.proposed`, and an incident still investigating moves to `awaiting_approval` when
 * there is a proposal (one resolved meanwhile stays resolved). A no-op when it is not running.
 */
export async function completeInvestigation(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: CompleteInvestigationInput,
): Promise<boolean> {
  const investigation = await deps.prisma.investigation.findUnique({
    where: { id: input.investigationId },
    include: { incident: true },
  });
  if (!investigation || investigation.status !== "running") return false;
  const { incident } = investigation;
  const { rootCause, proposal } = input;
  const now = new Date();
  const completed = await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.investigation.updateMany({
      where: { id: investigation.id, status: "running" },
      data: {
        status: "completed",
        finishedAt: now,
        rootCauseSummary: rootCause?.summary ?? null,
        rootCauseConfidence: rootCause?.confidence ?? null,
        ...(proposal
          ? { remediationStatus: "proposed", remediationTitle: proposal.title, remediationSteps: proposal.steps, proposedAt: now }
          : {}),
      },
    });
    if (updated.count === 0) return false;
    if (proposal && incident.status === "investigating") await moveIncident(tx, incident, "awaiting_approval");
    const entries: ActivityInput[] = [
      {
        incidentId: incident.id,
        actor: SYSTEM_ACTOR,
        message: rootCause
          ? `Root cause (confidence ${rootCause.confidence.toFixed(2)}): ${rootCause.summary}`
          : "No root cause found: no evidence implicates a cause",
        event: {
          type: "investigation.completed",
          data: { investigationId: investigation.id, rootCause, failedAgents: [...input.failedAgents] },
        },
      },
    ];
    if (proposal) {
      entries.push({
        incidentId: incident.id,
        actor: SYSTEM_ACTOR,
        message: `Proposed: ${proposal.title} (awaiting approval)`,
        event: {
          type: "remediation.proposed",
          data: { investigationId: investigation.id, title: proposal.title, steps: proposal.steps, rootCause },
        },
      });
    }
    await appendActivity(tx, incident.tenantId, entries);
    return true;
  });
  if (completed) deps.publisher.announce(incident.tenantId);
  return completed;
}
