import { QUEUE_NAMES } from "@causeflow/contracts";
import { createPrismaClient } from "@causeflow/db";
import { startHealthServer, storeChecks, runService, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { Redis } from "ioredis";
import { LoggingDispatcher } from "./agent-dispatcher";
import { createTriageWorker } from "./create-triage-worker";
import { loadTriageEnv } from "./env";

/** Composition root of the triage worker. */
async function main(): Promise<RunningService> {
  const env = loadTriageEnv();
  const logger = createLogger({ service: "triage", level: env.LOG_LEVEL });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const worker = createTriageWorker(
    { prisma, dispatcher: new LoggingDispatcher(logger), logger },
    { connection: redis, prefix: env.QUEUE_PREFIX, concurrency: env.TRIAGE_CONCURRENCY, logger },
  );
  const health = env.TRIAGE_PORT ? await startHealthServer(env.TRIAGE_PORT, storeChecks({ redis, prisma })) : null;
  logger.info({ queue: QUEUE_NAMES.triage, prefix: env.QUEUE_PREFIX, healthPort: env.TRIAGE_PORT ?? null }, "triage started");

  return {
    logger,
    stop: async () => {
      health?.close();
      await worker.close();
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}

runService("triage", main);
