import { JOBS, verdictChannel } from "@causeflow/contracts";
import { AlertBatcher, DedupCache, RedisActivityPublisher } from "@causeflow/domain";
import type { PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import type { Metrics } from "@causeflow/observability";
import { closeWorkers, createWorker, QueueSet, type BackoffSettings } from "@causeflow/queues";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { createConfirmSubscriptionProcessor, type HttpGet } from "./confirm-subscription";
import { EarlierJobs } from "./earlier-jobs";
import { EventLog } from "./event-log";
import { createRawAlertProcessor } from "./process-raw-alert";

export interface NormalizerOptions {
  prisma: PrismaClient;
  /** Commands (dedup keys, publishing); workers make their own blocking connections from it. */
  redis: Redis;
  prefix: string;
  logger: Logger;
  concurrency: number;
  lockDuration: number;
  dedupTtlSeconds: number;
  backoff: BackoffSettings;
  httpGet: HttpGet;
  metrics?: Metrics;
}

export interface Normalizer {
  workers: Worker[];
  /** Applies every alert (tests read what it did). */
  alerts: AlertBatcher;
  queues: QueueSet;
  /** Stops taking jobs, finishes active ones within the deadline, closes producers. */
  close(deadlineMs?: number): Promise<void>;
}

/** The normalizer's wiring, used by main.ts and by the test stack: the raw-alerts and sns-confirmations workers. */
export function buildNormalizer(options: NormalizerOptions): Normalizer {
  const { prisma, redis, prefix, logger } = options;
  // Commands of concurrent jobs (dedup claims, triage jobs queued, announcements) share round
  // trips; the workers' own connections stay plain, as BullMQ expects.
  const commands = redis.duplicate({ enableAutoPipelining: true });
  commands.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  const queues = new QueueSet({ connection: commands, prefix }, logger);
  const domain = {
    prisma,
    queues,
    publisher: new RedisActivityPublisher(commands, prefix, logger),
    dedup: new DedupCache(commands, prefix, options.dedupTtlSeconds),
  };
  const workerOptions = { connection: redis, prefix, logger, backoff: options.backoff, metrics: options.metrics };
  const alerts = new AlertBatcher(domain);
  const workers = [
    createWorker(
      JOBS.rawAlert,
      createRawAlertProcessor({
        alerts,
        jobs: new EarlierJobs(queues.get(JOBS.rawAlert.queue)),
        reply: (gatewayId, reply) => {
          commands.publish(verdictChannel(prefix, gatewayId), JSON.stringify(reply)).catch((error: unknown) => {
            logger.debug({ err: (error as Error).message, eventId: reply.eventId }, "verdict reply not sent");
          });
        },
        events: new EventLog(prisma),
        queues,
        logger,
        metrics: options.metrics,
      }),
      {
        ...workerOptions,
        concurrency: options.concurrency,
        lockDuration: options.lockDuration,
      },
    ),
    createWorker(JOBS.snsConfirmation, createConfirmSubscriptionProcessor({ prisma, httpGet: options.httpGet, logger }), {
      ...workerOptions,
      concurrency: 4,
    }),
  ];
  return {
    workers,
    alerts,
    queues,
    async close(deadlineMs = 10_000) {
      const outcome = await closeWorkers(workers, deadlineMs);
      logger.info(
        { outcome },
        outcome === "drained" ? "workers finished their jobs" : "workers stopped by force; their jobs go back to the queue",
      );
      await queues.close();
      commands.disconnect();
    },
  };
}
