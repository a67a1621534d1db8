import type { PrismaClient } from "@causeflow/db";
import { DedupCache, RedisActivityPublisher, type DomainDeps } from "@causeflow/domain";
import type { Logger } from "@causeflow/logger";
import { Metrics } from "@causeflow/observability";
import { countJobs, QueueSet } from "@causeflow/queues";
import type { Express } from "express";
import type { Redis } from "ioredis";
import type { Transporter } from "nodemailer";
import { ActivityHub } from "./activity/activity-hub";
import { createApp, type GatewayConfig } from "./app";
import { ShutdownSignal } from "./http/shutdown-signal";
import type { CertificateFetcher } from "./webhooks/verifiers/sns-certificates";
import { VerdictListener } from "./webhooks/verdict-listener";

export interface GatewayOptions {
  prisma: PrismaClient;
  /** Command connection: fails fast while Redis is down, so a webhook gets 503 instead of hanging. */
  redis: Redis;
  /** A new connection that may subscribe (the verdict listener, the activity hub); called once per use. */
  connect: () => Redis;
  logger: Logger;
  config: GatewayConfig;
  dedupTtlSeconds: number;
  fetchCertificate?: CertificateFetcher;
  /** SMTP_URL's transport (email channels' test messages). */
  smtp?: Transporter | null;
  /** The process's metrics (a new registry when not given). */
  metrics?: Metrics;
  /** How often open streams re-read Postgres in case an announcement was lost. */
  streamPollMs?: number;
}

export interface Gateway {
  app: Express;
  queues: QueueSet;
  verdicts: VerdictListener;
  hub: ActivityHub;
  shutdown: ShutdownSignal;
  metrics: Metrics;
  /** Closes producers and connections (after the HTTP server has stopped). */
  close(): Promise<void>;
}

/** The gateway's wiring, used by main.ts and by the test stack. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { prisma, redis, logger, config } = options;
  const prefix = config.queuePrefix;
  const queues = new QueueSet({ connection: redis, prefix }, logger);
  const domain: DomainDeps = {
    prisma,
    queues,
    logger,
    publisher: new RedisActivityPublisher(redis, prefix, logger),
    dedup: new DedupCache(redis, prefix, options.dedupTtlSeconds),
  };
  const verdicts = await VerdictListener.start(options.connect(), prefix, logger);
  const hub = await ActivityHub.start(options.connect(), prefix, logger, options.streamPollMs);
  const shutdown = new ShutdownSignal();
  const metrics = options.metrics ?? new Metrics("gateway");
  metrics.watchQueues(() => countJobs(queues));
  const app = createApp({
    prisma,
    redis,
    queues,
    verdicts,
    domain,
    hub,
    shutdown,
    logger,
    config,
    fetchCertificate: options.fetchCertificate,
    smtp: options.smtp,
    metrics,
  });
  return {
    app,
    queues,
    verdicts,
    hub,
    shutdown,
    metrics,
    async close() {
      await hub.close();
      await verdicts.close();
      await queues.close();
    },
  };
}
