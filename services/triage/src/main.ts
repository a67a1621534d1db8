import { QUEUE_NAMES } from "@causeflow/contracts";
import { createPrismaClient } from "@causeflow/db";
import { runService, startHealthServer, storeChecks, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { FlowProducer } from "bullmq";
import { Redis } from "ioredis";
import { agentRegistry } from "./agents/agent-registry";
import { createInvestigationWorkers, createTriageWorker } from "./create-triage-worker";
import { loadTriageEnv } from "./env";

/** Composition root of the triage service: triage, the investigation agents and their synthesis. */
async function main(): Promise<RunningService> {
  const env = loadTriageEnv();
  const logger = createLogger({ service: "triage", level: env.LOG_LEVEL });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const flows = new FlowProducer({ connection: redis, prefix: env.QUEUE_PREFIX });
  const options = { connection: redis, prefix: env.QUEUE_PREFIX, concurrency: env.TRIAGE_CONCURRENCY, logger };
  const workers = [
    createTriageWorker({ prisma, flows, logger }, options),
    ...createInvestigationWorkers(agentRegistry, { prisma, logger, budgetMs: env.AGENT_TIME_BUDGET_MS, fetch }, options),
  ];
  const health = env.TRIAGE_PORT ? await startHealthServer(env.TRIAGE_PORT, storeChecks({ redis, prisma })) : null;
  logger.info({ queue: QUEUE_NAMES.triage, prefix: env.QUEUE_PREFIX, healthPort: env.TRIAGE_PORT ?? null }, "triage started");

  return {
    logger,
    stop: async () => {
      health?.close();
      await Promise.all(workers.map((w) => w.close()));
      await flows.close();
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}

runService("triage", main);
