import { JOBS } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import type { SecretBox } from "@causeflow/domain";
import type { Logger } from "@causeflow/logger";
import type { Metrics } from "@causeflow/observability";
import type { ChannelSenderDeps } from "@causeflow/notify";
import { closeWorkers, createWorker, QueueSet, type BackoffSettings } from "@causeflow/queues";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { createDeliveryProcessor } from "./deliver-notification";
import { DeliveryStore } from "./delivery-store";
import { ActivityRelay } from "./relay-activity";

export interface NotifierOptions {
  prisma: PrismaClient;
  redis: Redis;
  /** A dedicated connection for the activity announcements. */
  subscriber: Redis;
  prefix: string;
  logger: Logger;
  secrets: SecretBox;
  sender: ChannelSenderDeps;
  publicUrl: string;
  concurrency: number;
  lockDuration?: number;
  backoff: BackoffSettings;
  pollMs: number;
  onOutcome?: (type: string, outcome: "delivered" | "retried" | "failed") => void;
  metrics?: Metrics;
}

export interface Notifier {
  workers: Worker[];
  relay: ActivityRelay;
  queues: QueueSet;
  close(deadlineMs?: number): Promise<void>;
}

/**
 * The notifier's wiring, used by main.ts and by the test stack: the outbox relay and the
 * `notifications` worker. Its own service, so a slow or failing channel never slows intake or
 * triage; deliveries are separate jobs, so one channel never delays another.
 */
export async function buildNotifier(options: NotifierOptions): Promise<Notifier> {
  const { prisma, redis, prefix, logger } = options;
  const queues = new QueueSet({ connection: redis, prefix }, logger);
  const relay = new ActivityRelay({ prisma, queues, logger }, options.pollMs);
  const workers = [
    createWorker(
      JOBS.notification,
      createDeliveryProcessor({
        store: new DeliveryStore(prisma),
        secrets: options.secrets,
        sender: options.sender,
        publicUrl: options.publicUrl,
        logger,
        onOutcome: options.onOutcome,
      }),
      {
        connection: redis,
        prefix,
        logger,
        backoff: options.backoff,
        concurrency: options.concurrency,
        lockDuration: options.lockDuration,
        metrics: options.metrics,
      },
    ),
  ];
  await relay.start(options.subscriber, prefix);
  return {
    workers,
    relay,
    queues,
    async close(deadlineMs = 10_000) {
      await relay.stop();
      const outcome = await closeWorkers(workers, deadlineMs);
      logger.info(
        { outcome },
        outcome === "drained" ? "workers finished their jobs" : "workers stopped by force; their jobs go back to the queue",
      );
      await queues.close();
      options.subscriber.disconnect();
    },
  };
}
