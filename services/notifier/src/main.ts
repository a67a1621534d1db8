import { tracing } from "./instrument";
import { createPrismaClient } from "@causeflow/db";
import { SecretBox } from "@causeflow/domain";
import { runService, startHealthServer, storeChecks, warnIfRedisNotDurable, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { Metrics } from "@causeflow/observability";
import { countJobs } from "@causeflow/queues";
import { createSmtpTransport } from "@causeflow/notify";
import { createOutboundRequest, parseOutboundPolicy } from "@causeflow/outbound";
import { Redis } from "ioredis";
import { buildNotifier } from "./build-notifier";
import { loadNotifierEnv } from "./env";

/** Composition root of the notifier: the activity relay and the delivery worker. */
async function main(): Promise<RunningService> {
  const env = loadNotifierEnv();
  const logger = createLogger({ service: "notifier", level: env.LOG_LEVEL });
  const connect = () => {
    const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
    return connection;
  };
  const redis = connect();
  await warnIfRedisNotDurable(redis, logger);
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const smtp = createSmtpTransport(env.SMTP_URL);
  const metrics = new Metrics("notifier");
  const notifier = await buildNotifier({
    onOutcome: (type, outcome) => metrics.notifications.inc({ type, outcome }),
    metrics,
    prisma,
    redis,
    subscriber: connect(),
    prefix: env.QUEUE_PREFIX,
    logger,
    secrets: new SecretBox(env.SECRETS_KEY),
    sender: {
      request: createOutboundRequest({ policy: parseOutboundPolicy(env.OUTBOUND_ALLOWED_HOSTS) }),
      smtp,
      from: env.SMTP_FROM,
    },
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    concurrency: env.NOTIFIER_CONCURRENCY,
    lockDuration: env.NOTIFIER_LOCK_DURATION_MS,
    backoff: { baseMs: env.JOB_BACKOFF_BASE_MS, maxMs: env.JOB_BACKOFF_MAX_MS },
    pollMs: env.NOTIFIER_POLL_MS,
  });
  const health = env.NOTIFIER_PORT
    ? await startHealthServer(env.NOTIFIER_PORT, storeChecks({ redis, prisma, databaseUrl: env.DATABASE_URL }), () =>
        metrics.text(),
      )
    : null;
  metrics.watchQueues(() => countJobs(notifier.queues));
  logger.info(
    { prefix: env.QUEUE_PREFIX, smtp: smtp ? "configured" : "not set", healthPort: env.NOTIFIER_PORT ?? null },
    "notifier started",
  );

  return {
    logger,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async (deadlineMs) => {
      health?.close();
      await notifier.close(deadlineMs);
      smtp?.close();
      await prisma.$disconnect();
      redis.disconnect();
      await tracing?.shutdown();
    },
  };
}

runService("notifier", main);
