import { AgentName, RemediationProposal, type InvestigationJob } from "@causeflow/contracts";
import {
  BACKGROUND_BATCHING,
  batcherPerClient,
  completeInvestigation,
  failInvestigation,
  type DomainDeps,
} from "@causeflow/domain";
import { isInfrastructureError, readInvestigationsWithEvidence } from "@causeflow/db";
import { awaitCommit, type OwnFailures } from "@causeflow/queues";
import { UnrecoverableError, type Job } from "bullmq";
import { deriveRootCause } from "./root-cause";

export type SynthesisDeps = Pick<DomainDeps, "prisma" | "publisher" | "logger">;

/** What the syntheses running at once read, one statement per micro-batch. */
const synthesisReadsOn = batcherPerClient(readInvestigationsWithEvidence, BACKGROUND_BATCHING);

/**
 * Finishes an investigation from what its agents stored: the root cause from the evidence, the
 * planner's proposal, the agents that produced nothing. Used by the `investigations` parent job
 * and by the reconciler for an investigation whose parent job was lost. Null when there is no
 * such investigation (not committed yet).
 */
export async function synthesize(
  deps: SynthesisDeps,
  investigationId: string,
): Promise<{ rootCause: boolean; proposal: boolean } | null> {
  const investigation = await synthesisReadsOn(deps.prisma).submit(investigationId);
  if (!investigation) return null;
  if (investigation.status !== "running") return { rootCause: false, proposal: false };
  const rootCause = deriveRootCause(investigation.evidence);
  const proposed = investigation.evidence.find((e) => e.agent === "remediation_planner" && e.kind === "remediation_proposed");
  const proposal = proposed
    ? RemediationProposal.parse({ title: proposed.summary, steps: (proposed.details as { steps?: unknown }).steps ?? [] })
    : null;
  const reported = new Set(investigation.evidence.map((e) => e.agent));
  const failedAgents = AgentName.array()
    .parse(investigation.agents)
    .filter((agent) => !reported.has(agent));
  await completeInvestigation(deps, { investigation, rootCause, proposal, failedAgents });
  deps.logger.info(
    { investigationId, incidentId: investigation.incidentId, rootCause: !!rootCause, proposal: !!proposal, failedAgents },
    "investigation completed",
  );
  return { rootCause: !!rootCause, proposal: !!proposal };
}

/**
 * The `investigations` parent job: runs once every agent job has finished or failed. Its own
 * failure (not an outage) is tried SYNTHESIS_ATTEMPTS times, then the investigation is marked failed.
 */
export function createSynthesisProcessor(deps: SynthesisDeps) {
  return async function processSynthesis(data: InvestigationJob, job: Job, failures: Pick<OwnFailures, "record">) {
    let synthesized;
    try {
      synthesized = await synthesize(deps, data.investigationId);
    } catch (error) {
      if (isInfrastructureError(error) || !(await failures.record()).final) throw error;
      // Out of attempts for a reason that is not an outage: free the incident for a new investigation.
      await failInvestigation(deps, { investigationId: data.investigationId, reason: (error as Error).message });
      throw new UnrecoverableError((error as Error).message);
    }
    if (synthesized) return synthesized;
    awaitCommit(job, `investigation ${data.investigationId}`);
    return { rootCause: false, proposal: false };
  };
}
