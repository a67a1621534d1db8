import { tracing } from "./instrument";
import { createPrismaClient } from "@causeflow/db";
import { runService, startHealthServer, storeChecks, warnIfRedisNotDurable, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { Metrics } from "@causeflow/observability";
import { countJobs } from "@causeflow/queues";
import { createOutboundRequest, parseOutboundPolicy } from "@causeflow/outbound";
import { Redis } from "ioredis";
import { agentRegistry } from "./agents/agent-registry";
import { buildTriage } from "./build-triage";
import { loadTriageEnv } from "./env";

/** Composition root of the triage service: triage, the investigation agents, their synthesis, the reconciler. */
async function main(): Promise<RunningService> {
  const env = loadTriageEnv();
  const logger = createLogger({ service: "triage", level: env.LOG_LEVEL });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  await warnIfRedisNotDurable(redis, logger);
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const metrics = new Metrics("triage");
  const triage = await buildTriage({
    metrics,
    prisma,
    redis,
    prefix: env.QUEUE_PREFIX,
    logger,
    concurrency: env.TRIAGE_CONCURRENCY,
    investigationConcurrency: env.INVESTIGATION_CONCURRENCY,
    lockDuration: env.TRIAGE_LOCK_DURATION_MS,
    backoff: { baseMs: env.JOB_BACKOFF_BASE_MS, maxMs: env.JOB_BACKOFF_MAX_MS },
    agents: agentRegistry,
    agentBudgetMs: env.AGENT_TIME_BUDGET_MS,
    agentRequest: createOutboundRequest({ policy: parseOutboundPolicy(env.OUTBOUND_ALLOWED_HOSTS) }),
    reconcile: { intervalMs: env.RECONCILE_INTERVAL_MS, graceMs: env.RECONCILE_GRACE_MS },
    retention: { days: env.RETENTION_DAYS, intervalMs: env.RETENTION_INTERVAL_MS },
  });
  const health = env.TRIAGE_PORT
    ? await startHealthServer(env.TRIAGE_PORT, storeChecks({ redis, prisma, databaseUrl: env.DATABASE_URL }), () =>
        metrics.text(),
      )
    : null;
  metrics.watchQueues(() => countJobs(triage.queues));
  logger.info({ prefix: env.QUEUE_PREFIX, healthPort: env.TRIAGE_PORT ?? null }, "triage started");

  return {
    logger,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async (deadlineMs) => {
      health?.close();
      await triage.close(deadlineMs);
      await prisma.$disconnect();
      redis.disconnect();
      await tracing?.shutdown();
    },
  };
}

runService("triage", main);
