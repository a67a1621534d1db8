import { tracing } from "./instrument";
import { createPrismaClient } from "@causeflow/db";
import { runService, startHealthServer, storeChecks, warnIfRedisNotDurable, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { Metrics } from "@causeflow/observability";
import { countJobs } from "@causeflow/queues";
import { Redis } from "ioredis";
import { buildNormalizer } from "./build-normalizer";
import { httpGet } from "./confirm-subscription";
import { loadNormalizerEnv } from "./env";

/** Composition root of the normalizer: build every client here and pass it in. */
async function main(): Promise<RunningService> {
  const env = loadNormalizerEnv();
  const logger = createLogger({ service: "normalizer", level: env.LOG_LEVEL });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  await warnIfRedisNotDurable(redis, logger);
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const metrics = new Metrics("normalizer");
  const normalizer = buildNormalizer({
    metrics,
    prisma,
    redis,
    prefix: env.QUEUE_PREFIX,
    logger,
    concurrency: env.NORMALIZER_CONCURRENCY,
    lockDuration: env.NORMALIZER_LOCK_DURATION_MS,
    dedupTtlSeconds: env.DEDUP_TTL_SECONDS,
    backoff: { baseMs: env.JOB_BACKOFF_BASE_MS, maxMs: env.JOB_BACKOFF_MAX_MS },
    httpGet,
  });
  const health = env.NORMALIZER_PORT
    ? await startHealthServer(env.NORMALIZER_PORT, storeChecks({ redis, prisma, databaseUrl: env.DATABASE_URL }), () =>
        metrics.text(),
      )
    : null;
  metrics.watchQueues(() => countJobs(normalizer.queues));
  logger.info(
    { prefix: env.QUEUE_PREFIX, concurrency: env.NORMALIZER_CONCURRENCY, healthPort: env.NORMALIZER_PORT ?? null },
    "normalizer started",
  );

  return {
    logger,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async (deadlineMs) => {
      health?.close();
      await normalizer.close(deadlineMs);
      await prisma.$disconnect();
      redis.disconnect();
      await tracing?.shutdown();
    },
  };
}

runService("normalizer", main);
