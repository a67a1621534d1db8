import { AGENT_ATTEMPTS, agentJob, JOBS, type AgentName } from "@causeflow/contracts";
import {
  BACKGROUND_BATCHING,
  MicroBatcher,
  purgeExpired,
  recordAgentEvidenceMany,
  RedisActivityPublisher,
  type AgentEvidenceInput,
} from "@causeflow/domain";
import { isInfrastructureError, type PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import type { Metrics } from "@causeflow/observability";
import type { OutboundRequest } from "@causeflow/outbound";
import { closeWorkers, createWorker, QueueSet, type BackoffSettings } from "@causeflow/queues";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { AgentContextLoader } from "./agent-context-loader";
import type { Agent } from "./agents/agent";
import { createTriageProcessor } from "./process-triage";
import { reconcile } from "./reconcile";
import { createAgentProcessor } from "./run-agent";
import { createSynthesisProcessor } from "./synthesize-investigation";

export interface TriageOptions {
  prisma: PrismaClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** Triage jobs at once. */
  concurrency: number;
  /** Agent runs and syntheses at once, per queue (default 8). */
  investigationConcurrency?: number;
  /** Lock of triage and investigation jobs; agents' is at least twice their budget. */
  lockDuration?: number;
  backoff: BackoffSettings;
  agents: Record<AgentName, Agent>;
  agentBudgetMs: number;
  /** HTTP for agents: the guarded outbound client. */
  agentRequest: OutboundRequest;
  reconcile: { intervalMs: number; graceMs: number };
  retention?: { days: number; intervalMs: number };
  metrics?: Metrics;
}

export interface Triage {
  workers: Worker[];
  queues: QueueSet;
  close(deadlineMs?: number): Promise<void>;
}

/**
 * The triage service's wiring, used by main.ts and by the test stack: the triage worker, one
 * worker per agent queue (a slow agent never holds up another), the investigations (parent)
 * worker, and the reconciler on the maintenance queue.
 */
export async function buildTriage(options: TriageOptions): Promise<Triage> {
  const { prisma, redis, prefix, logger } = options;
  const queues = new QueueSet({ connection: redis, prefix }, logger);
  const deps = { prisma, queues, logger, publisher: new RedisActivityPublisher(redis, prefix, logger) };
  const lockDuration = options.lockDuration ?? 30_000;
  const workerOptions = {
    connection: redis,
    prefix,
    logger,
    backoff: options.backoff,
    concurrency: options.concurrency,
    lockDuration,
    metrics: options.metrics,
  };
  const evidence = new MicroBatcher((inputs: AgentEvidenceInput[]) => recordAgentEvidenceMany(deps, inputs), BACKGROUND_BATCHING);
  const agentRunner = {
    ...deps,
    budgetMs: options.agentBudgetMs,
    request: options.agentRequest,
    metrics: options.metrics,
    context: new AgentContextLoader(prisma),
    recordEvidence: (input: AgentEvidenceInput) => evidence.submit(input),
  };
  // The lock outlives the agent's budget, so a busy agent is never taken for a stalled one.
  const agentLock = Math.max(lockDuration, options.agentBudgetMs * 2);
  // Investigations are bounded: a storm of critical incidents never starves triage of the CPU.
  const investigationOptions = { ...workerOptions, concurrency: options.investigationConcurrency ?? 8 };
  const workers: Worker[] = [
    createWorker(JOBS.triage, createTriageProcessor(deps), workerOptions),
    ...(Object.entries(options.agents) as [AgentName, Agent][]).map(([name, agent]) =>
      createWorker(agentJob(name), createAgentProcessor(agent, agentRunner), {
        ...investigationOptions,
        lockDuration: agentLock,
      }),
    ),
    createWorker(JOBS.investigation, createSynthesisProcessor(deps), investigationOptions),
    createWorker(
      JOBS.maintenance,
      async (data) => {
        if (data.task === "purge") return purge(options);
        try {
          return await reconcile(deps, {
            graceMs: options.reconcile.graceMs,
            investigationDeadlineMs: Math.max(options.reconcile.graceMs, AGENT_ATTEMPTS * options.agentBudgetMs * 3),
            batch: 200,
          });
        } catch (error) {
          // A periodic run that finds a store down is skipped: the next run does the work.
          if (!isInfrastructureError(error)) throw error;
          logger.warn({ err: (error as Error).message }, "reconciler skipped a run: a store is unreachable");
          return { skipped: "store unavailable" };
        }
      },
      { ...workerOptions, concurrency: 1 },
    ),
  ];
  // One schedule per task for every replica: upserting the same scheduler id is idempotent.
  const maintenance = queues.get(JOBS.maintenance.queue);
  const kept = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
  await maintenance.upsertJobScheduler(
    "reconcile",
    { every: options.reconcile.intervalMs },
    { name: "reconcile", data: { task: "reconcile" }, opts: kept },
  );
  if (options.retention && options.retention.days > 0) {
    await maintenance.upsertJobScheduler(
      "purge",
      { every: options.retention.intervalMs },
      { name: "purge", data: { task: "purge" }, opts: kept },
    );
  } else {
    await maintenance.removeJobScheduler("purge");
  }
  return {
    workers,
    queues,
    async close(deadlineMs = 10_000) {
      const outcome = await closeWorkers(workers, deadlineMs);
      logger.info(
        { outcome },
        outcome === "drained" ? "workers finished their jobs" : "workers stopped by force; their jobs go back to the queue",
      );
      await queues.close();
    },
  };
}

/** The retention purge (a periodic run): what it removed is logged and counted. */
async function purge(options: TriageOptions) {
  try {
    const report = await purgeExpired(options.prisma, { retentionDays: options.retention?.days ?? 0 });
    for (const [kind, count] of Object.entries(report)) if (count > 0) options.metrics?.retentionDeleted.inc({ kind }, count);
    options.logger.info({ ...report, retentionDays: options.retention?.days }, "retention purge done");
    return report;
  } catch (error) {
    if (!isInfrastructureError(error)) throw error;
    options.logger.warn({ err: (error as Error).message }, "retention purge skipped a run: a store is unreachable");
    return { skipped: "store unavailable" };
  }
}
