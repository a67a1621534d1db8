import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type SnsConfirmationJob, type TriageJob } from "@causeflow/contracts";
import { createPrismaClient } from "@causeflow/db";
import { startHealthServer, storeChecks, runService, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { httpGet } from "./confirm-subscription";
import { createNormalizerWorker, createSnsConfirmationWorker } from "./create-normalizer-worker";
import { DedupCache } from "./dedup-cache";
import { loadNormalizerEnv } from "./env";
import { EventLog } from "./event-log";
import { IncidentStore } from "./incident-store";

/** Composition root of the normalizer: build every client here and pass it in. */
async function main(): Promise<RunningService> {
  const env = loadNormalizerEnv();
  const logger = createLogger({ service: "normalizer", level: env.LOG_LEVEL });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const triageQueue = new Queue<TriageJob>(QUEUE_NAMES.triage, {
    connection: redis,
    prefix: env.QUEUE_PREFIX,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  const snsConfirmationsQueue = new Queue<SnsConfirmationJob>(QUEUE_NAMES.snsConfirmations, {
    connection: redis,
    prefix: env.QUEUE_PREFIX,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  const confirmations = createSnsConfirmationWorker(
    { prisma, httpGet, logger },
    { connection: redis, prefix: env.QUEUE_PREFIX, logger },
  );
  const worker = createNormalizerWorker(
    {
      events: new EventLog(prisma),
      store: new IncidentStore(prisma),
      dedup: new DedupCache(redis, env.QUEUE_PREFIX, env.DEDUP_TTL_SECONDS),
      triageQueue,
      snsConfirmationsQueue,
      logger,
    },
    {
      connection: redis,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.NORMALIZER_CONCURRENCY,
      lockDuration: env.NORMALIZER_LOCK_DURATION_MS,
      logger,
    },
  );
  const health = env.NORMALIZER_PORT ? await startHealthServer(env.NORMALIZER_PORT, storeChecks({ redis, prisma })) : null;
  logger.info(
    {
      queue: QUEUE_NAMES.rawAlerts,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.NORMALIZER_CONCURRENCY,
      healthPort: env.NORMALIZER_PORT ?? null,
    },
    "normalizer started",
  );

  return {
    logger,
    stop: async () => {
      health?.close();
      await Promise.all([worker.close(), confirmations.close()]);
      await Promise.all([triageQueue.close(), snsConfirmationsQueue.close()]);
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}

runService("normalizer", main);
