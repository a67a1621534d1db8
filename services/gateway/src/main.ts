import { once } from "node:events";
import {
  DEFAULT_JOB_OPTIONS,
  QUEUE_NAMES,
  type RawAlertJob,
  type SnsConfirmationJob,
  type TriageJob,
} from "@causeflow/contracts";
import { createPrismaClient } from "@causeflow/db";
import { runService, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { FlowProducer, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { createApp } from "./app";
import { loadGatewayEnv } from "./env";

/** Composition root of the gateway: build every client here and pass it in. */
async function main(): Promise<RunningService> {
  const env = loadGatewayEnv();
  const logger = createLogger({ service: "gateway", level: env.LOG_LEVEL });
  // Commands fail fast while Redis is down, so a webhook gets 503 instead of hanging.
  const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  await once(redis, "ready");
  const blocking = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  blocking.on("error", (error) => logger.warn({ err: error.message }, "redis (events) connection error"));
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const queueOptions = { connection: redis, prefix: env.QUEUE_PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  const rawAlertsQueue = new Queue<RawAlertJob>(QUEUE_NAMES.rawAlerts, queueOptions);
  const triageQueue = new Queue<TriageJob>(QUEUE_NAMES.triage, queueOptions);
  const snsConfirmationsQueue = new Queue<SnsConfirmationJob>(QUEUE_NAMES.snsConfirmations, queueOptions);
  const flows = new FlowProducer({ connection: redis, prefix: env.QUEUE_PREFIX });
  const queueEvents = new QueueEvents(QUEUE_NAMES.rawAlerts, { connection: blocking, prefix: env.QUEUE_PREFIX });
  await queueEvents.waitUntilReady();

  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const app = createApp({
    prisma,
    redis,
    rawAlertsQueue,
    triageQueue,
    snsConfirmationsQueue,
    queueEvents,
    flows,
    logger,
    config: {
      adminToken: env.ADMIN_TOKEN,
      secretsKey: env.SECRETS_KEY,
      queuePrefix: env.QUEUE_PREFIX,
      verdictTimeoutMs: env.WEBHOOK_VERDICT_TIMEOUT_MS,
      maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
      rateLimitPerMinute: env.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      publicUrl,
      snsCertDir: env.SNS_CERT_DIR,
    },
  });
  const server = app.listen(env.PORT, () => {
    logger.info({ port: env.PORT, url: publicUrl, bullBoard: `${publicUrl}/admin/queues` }, "gateway listening");
  });

  return {
    logger,
    stop: async () => {
      server.close();
      await queueEvents.close();
      await flows.close();
      await Promise.all([rawAlertsQueue.close(), triageQueue.close(), snsConfirmationsQueue.close()]);
      await prisma.$disconnect();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}

runService("gateway", main);
