import { tracing } from "./instrument";
import { once } from "node:events";
import { createPrismaClient } from "@causeflow/db";
import { runService, warnIfRedisNotDurable, type RunningService } from "@causeflow/health";
import { createLogger } from "@causeflow/logger";
import { createSmtpTransport } from "@causeflow/notify";
import { Redis } from "ioredis";
import { buildGateway } from "./build-gateway";
import { loadGatewayEnv } from "./env";
import { serveUntilStopped } from "./http/serve-until-stopped";

/** Composition root of the gateway: build every client here and pass it in. */
async function main(): Promise<RunningService> {
  const env = loadGatewayEnv();
  const logger = createLogger({ service: "gateway", level: env.LOG_LEVEL });
  // Auto-pipelining: concurrent requests' commands share round trips.
  const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
  redis.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  await once(redis, "ready");
  await warnIfRedisNotDurable(redis, logger);
  const connect = () => {
    const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on("error", (error) => logger.warn({ err: error.message }, "redis (blocking) connection error"));
    return connection;
  };
  const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL });
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const gateway = await buildGateway({
    prisma,
    redis,
    connect,
    logger,
    dedupTtlSeconds: env.DEDUP_TTL_SECONDS,
    config: {
      adminToken: env.ADMIN_TOKEN,
      secretsKey: env.SECRETS_KEY,
      queuePrefix: env.QUEUE_PREFIX,
      verdictTimeoutMs: env.WEBHOOK_VERDICT_TIMEOUT_MS,
      maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
      rateLimitPerMinute: env.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      streamsPerTenant: env.ACTIVITY_STREAMS_PER_TENANT,
      publicUrl,
      snsCertDir: env.SNS_CERT_DIR,
      databaseUrl: env.DATABASE_URL,
      outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS,
      smtpFrom: env.SMTP_FROM,
    },
    smtp: createSmtpTransport(env.SMTP_URL),
  });
  const server = await serveUntilStopped(gateway.app, env.PORT);
  logger.info({ port: env.PORT, url: publicUrl, bullBoard: `${publicUrl}/admin/queues` }, "gateway listening");

  return {
    logger,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    stop: async (deadlineMs) => {
      gateway.shutdown.trigger();
      await server.stop(deadlineMs);
      await gateway.close();
      await prisma.$disconnect();
      redis.disconnect();
      await tracing?.shutdown();
    },
  };
}

runService("gateway", main);
