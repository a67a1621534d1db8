import type { AgentName, InvestigationJob, RemediationProposal } from "@causeflow/contracts";
import { recordAgentFailure, type AgentEvidenceInput, type DomainDeps } from "@causeflow/domain";
import { isInfrastructureError } from "@causeflow/db";
import { awaitCommit, type OwnFailures } from "@causeflow/queues";
import type { Metrics } from "@causeflow/observability";
import type { OutboundRequest } from "@causeflow/outbound";
import { UnrecoverableError, type Job } from "bullmq";
import type { AgentContextLoader } from "./agent-context-loader";
import type { Agent } from "./agents/agent";

export interface AgentJobResult {
  agent: AgentName;
  evidence: number;
  proposal?: RemediationProposal;
  /** Why the agent gave up, when it did (recorded as agent.failed). */
  failed?: string;
}

export interface AgentRunnerDeps extends Pick<DomainDeps, "prisma" | "publisher" | "logger"> {
  /** An agent still running after this is stopped and recorded as failed (the investigation goes on). */
  budgetMs: number;
  /** HTTP for agents that query outside systems: the guarded outbound client. */
  request: OutboundRequest;
  metrics?: Metrics;
  /** Reads the incident, investigation and settings of concurrent agent runs together. */
  context: AgentContextLoader;
  /** Records an agent's evidence and `agent.finished` (batched with concurrent runs'). */
  recordEvidence: (input: AgentEvidenceInput) => Promise<boolean>;
}

/**
 * Runs one agent of an investigation within its time budget and records its evidence (once, even
 * when retried). An agent that gives up (its own error AGENT_ATTEMPTS times, or over its budget)
 * is recorded as `agent.failed` and its job completes with that reason: the investigation goes on
 * without it. Store outages are retried for as long as they last, and spend none of those attempts.
 */
export function createAgentProcessor(agent: Agent, deps: AgentRunnerDeps) {
  return async function runAgent(
    data: InvestigationJob,
    job: Job,
    failures: Pick<OwnFailures, "record">,
  ): Promise<AgentJobResult> {
    const { investigationId, incidentId, tenantId } = data;
    const context = await deps.context.load(data);
    if (!context) {
      awaitCommit(job, `investigation ${investigationId}`);
      return { agent: agent.name, evidence: 0 };
    }
    const { incident, investigation, settings } = context;
    if (investigation.status !== "running") return { agent: agent.name, evidence: 0 };

    let output;
    try {
      output = await withinBudget(deps.budgetMs, agent.name, (signal) =>
        agent.run({ prisma: deps.prisma, incident, investigationId, settings, signal, request: deps.request }),
      );
    } catch (error) {
      if (isInfrastructureError(error)) throw error;
      // Its own failures only: attempts that waited out an outage or the investigation's commit spend nothing.
      const final = error instanceof UnrecoverableError || (await failures.record()).final;
      if (!final) throw error;
      const reason = (error as Error).message;
      await recordAgentFailure(deps, { tenantId, incidentId, investigationId, agent: agent.name, reason });
      deps.metrics?.agentRuns.inc({ agent: agent.name, outcome: "failed" });
      // Its job is done: the investigation goes on without this agent's evidence, and says why.
      return { agent: agent.name, evidence: 0, failed: reason };
    }
    await deps.recordEvidence({ tenantId, incidentId, investigationId, agent: agent.name, evidence: output.evidence });
    deps.metrics?.agentRuns.inc({ agent: agent.name, outcome: "finished" });
    deps.logger.info({ investigationId, incidentId, agent: agent.name, evidence: output.evidence.length }, "agent finished");
    return { agent: agent.name, evidence: output.evidence.length, ...(output.proposal ? { proposal: output.proposal } : {}) };
  };
}

/** Runs `work` and aborts it after `budgetMs`: the budget's error is final (an agent that overruns once would again). */
async function withinBudget<T>(budgetMs: number, name: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new UnrecoverableError(`${name} exceeded its time budget of ${budgetMs} ms`));
    }, budgetMs);
  });
  try {
    return await Promise.race([work(controller.signal), budget]);
  } finally {
    clearTimeout(timer);
  }
}
