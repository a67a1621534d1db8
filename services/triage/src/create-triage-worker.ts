import { AGENT_QUEUES, QUEUE_NAMES, type AgentName, type InvestigationJob, type TriageJob } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import { Worker, type ConnectionOptions } from "bullmq";
import type { Agent } from "./agents/agent";
import { createTriageProcessor, type TriageDeps, type TriageResult } from "./process-triage";
import { createAgentProcessor, type AgentRunnerDeps } from "./run-agent";
import { createSynthesisProcessor, markInvestigationFailed } from "./synthesize-investigation";

export interface WorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  logger: Logger;
}

function observe(worker: Worker, name: string, logger: Logger): Worker {
  worker.on("failed", (job, error) => logger.warn({ queue: name, jobId: job?.id, err: error.message }, `${name} job failed`));
  worker.on("error", (error) => logger.error({ err: error }, `${name} worker error`));
  return worker;
}

/** The BullMQ worker of the `triage` queue. */
export function createTriageWorker(deps: TriageDeps, options: WorkerOptions): Worker<TriageJob, TriageResult> {
  const worker = new Worker<TriageJob, TriageResult>(QUEUE_NAMES.triage, createTriageProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    maxStalledCount: 3,
  });
  return observe(worker, QUEUE_NAMES.triage, options.logger) as Worker<TriageJob, TriageResult>;
}

/** One worker per agent queue, so a slow agent never holds up another, plus the investigations (parent) worker. */
export function createInvestigationWorkers(
  agents: Record<AgentName, Agent>,
  deps: AgentRunnerDeps,
  options: WorkerOptions,
): Worker[] {
  const agentWorkers = (Object.entries(agents) as [AgentName, Agent][]).map(([name, agent]) =>
    observe(
      new Worker<InvestigationJob>(AGENT_QUEUES[name], createAgentProcessor(agent, deps), {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        // The lock outlives the agent's budget, so a busy agent is never taken for a stalled one.
        lockDuration: Math.max(30_000, deps.budgetMs * 2),
      }),
      AGENT_QUEUES[name],
      options.logger,
    ),
  );
  const parent = new Worker<InvestigationJob>(QUEUE_NAMES.investigations, createSynthesisProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });
  const onFailed = markInvestigationFailed(deps.prisma, options.logger);
  parent.on("failed", (job, error) => {
    onFailed(job, error).catch((e: unknown) => options.logger.error({ err: e }, "could not mark the investigation failed"));
  });
  return [...agentWorkers, observe(parent, QUEUE_NAMES.investigations, options.logger)];
}
