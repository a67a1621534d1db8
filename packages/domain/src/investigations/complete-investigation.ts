import { type ActivityEvent, type AgentName, type RemediationProposal, type RootCause } from "@causeflow/contracts";
import type { Incident, Investigation } from "@causeflow/db";
import { completeRunningInvestigations } from "@causeflow/db/batch";
import { batcherPerClient } from "../batch/batcher-per-client";
import { BACKGROUND_BATCHING } from "../batch/micro-batcher";
import type { DomainDeps } from "../domain-deps";

/** An entry this operation records, typed by its event (contract §7). */
type CompletionEntry<T extends ActivityEvent["type"]> = {
  type: T;
  message: string;
  data: Extract<ActivityEvent, { type: T }>["data"];
};

export interface CompleteInvestigationInput {
  /** The investigation as its synthesis read it, with its incident (read once, issue 12). */
  investigation: Investigation & { incident: Incident };
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
  const { investigation } = input;
  if (investigation.status !== "running") return false;
  const { incident } = investigation;
  const { rootCause, proposal } = input;
  const entries = [
    {
      type: "investigation.completed",
      message: rootCause
        ? `Root cause (confidence ${rootCause.confidence.toFixed(2)}): ${rootCause.summary}`
        : "No root cause found: no evidence implicates a cause",
      data: { investigationId: investigation.id, rootCause, failedAgents: [...input.failedAgents] },
    } satisfies CompletionEntry<"investigation.completed">,
    ...(proposal
      ? [
          {
            type: "remediation.proposed",
            message: `Proposed: ${proposal.title} (awaiting approval)`,
            data: { investigationId: investigation.id, title: proposal.title, steps: proposal.steps, rootCause },
          } satisfies CompletionEntry<"remediation.proposed">,
        ]
      : []),
  ];
  // One statement, with concurrent syntheses' (the lifecycle allows investigating → awaiting_approval to an operation).
  const completed = await completionsOn(deps.prisma).submit({
    investigationId: investigation.id,
    tenantId: incident.tenantId,
    incidentId: incident.id,
    rootCause,
    proposal,
    entries,
  });
  if (completed) deps.publisher.announce(incident.tenantId);
  return completed;
}

/** The completions of one client's concurrent syntheses, one statement per micro-batch. */
const completionsOn = batcherPerClient(completeRunningInvestigations, BACKGROUND_BATCHING);
