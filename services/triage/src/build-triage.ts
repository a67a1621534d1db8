import { agentJob, JOBS, type AgentName } from "@causeflow/contracts";
import { RedisActivityPublisher } from "@causeflow/domain";
import type { PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import type { OutboundFetch } from "@causeflow/outbound";
import { closeWorkers, createWorker, QueueSet, type BackoffSettings } from "@causeflow/queues";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Agent } from "./agents/agent";
import { createTriageProcessor } from "./process-triage";
import { reconcile } from "./reconcile";
import { AGENT_ATTEMPTS, createAgentProcessor } from "./run-agent";
import { createSynthesisProcessor } from "./synthesize-investigation";

export interface TriageOptions {
  prisma: PrismaClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  concurrency: number;
  backoff: BackoffSettings;
  agents: Record<AgentName, Agent>;
  agentBudgetMs: number;
  /** HTTP for agents: the guarded outbound client. */
  agentFetch: OutboundFetch;
  reconcile: { intervalMs: number; graceMs: number };
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
  const workerOptions = { connection: redis, prefix, logger, backoff: options.backoff, concurrency: options.concurrency };
  const agentRunner = { ...deps, budgetMs: options.agentBudgetMs, fetch: options.agentFetch };
  // The lock outlives the agent's budget, so a busy agent is never taken for a stalled one.
  const agentLock = Math.max(30_000, options.agentBudgetMs * 2);
  const workers: Worker[] = [
    createWorker(JOBS.triage, createTriageProcessor(deps), workerOptions),
    ...(Object.entries(options.agents) as [AgentName, Agent][]).map(([name, agent]) =>
      createWorker(agentJob(name), createAgentProcessor(agent, agentRunner), { ...workerOptions, lockDuration: agentLock }),
    ),
    createWorker(JOBS.investigation, createSynthesisProcessor(deps), workerOptions),
    createWorker(
      JOBS.maintenance,
      async (data) => {
        if (data.task !== "reconcile") return null;
        return reconcile(deps, {
          graceMs: options.reconcile.graceMs,
          investigationDeadlineMs: Math.max(options.reconcile.graceMs, AGENT_ATTEMPTS * options.agentBudgetMs * 3),
          batch: 200,
        });
      },
      { ...workerOptions, concurrency: 1 },
    ),
  ];
  // One schedule for every replica: upserting the same scheduler id is idempotent.
  await queues.get(JOBS.maintenance.queue).upsertJobScheduler(
    "reconcile",
    { every: options.reconcile.intervalMs },
    {
      name: "reconcile",
      data: { task: "reconcile" },
      opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    },
  );
  return {
    workers,
    queues,
    async close(deadlineMs = 10_000) {
      await closeWorkers(workers, deadlineMs);
      await queues.close();
    },
  };
}
