import { QUEUE_NAMES, type RawAlertJob, type SnsConfirmationJob, type Verdict } from "@causeflow/contracts";
import { createConfirmSubscriptionProcessor } from "./confirm-subscription";
import type { Logger } from "@causeflow/logger";
import { Worker, type ConnectionOptions } from "bullmq";
import { createRawAlertProcessor, type RawAlertProcessorDeps } from "./process-raw-alert";

export interface NormalizerWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  lockDuration: number;
  logger: Logger;
}

/** The BullMQ worker of the `raw-alerts` queue. */
export function createNormalizerWorker(
  deps: RawAlertProcessorDeps,
  options: NormalizerWorkerOptions,
): Worker<RawAlertJob, Verdict> {
  const worker = new Worker<RawAlertJob, Verdict>(QUEUE_NAMES.rawAlerts, createRawAlertProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDuration,
    stalledInterval: Math.max(1000, Math.floor(options.lockDuration / 2)),
    // A job whose worker died is retried; only repeated crashes on the same job fail it.
    maxStalledCount: 3,
  });
  worker.on("failed", (job, error) => {
    options.logger.warn({ eventId: job?.id, attemptsMade: job?.attemptsMade, err: error.message }, "raw-alerts job failed");
  });
  worker.on("error", (error) => options.logger.error({ err: error }, "normalizer worker error"));
  return worker;
}

/** The BullMQ worker of the `sns-confirmations` queue. */
export function createSnsConfirmationWorker(
  deps: Parameters<typeof createConfirmSubscriptionProcessor>[0],
  options: Pick<NormalizerWorkerOptions, "connection" | "prefix" | "logger">,
): Worker<SnsConfirmationJob> {
  const worker = new Worker<SnsConfirmationJob>(QUEUE_NAMES.snsConfirmations, createConfirmSubscriptionProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 4,
  });
  worker.on("failed", (job, error) =>
    options.logger.warn({ eventId: job?.data.eventId, err: error.message }, "SNS confirmation failed"),
  );
  worker.on("error", (error) => options.logger.error({ err: error }, "sns-confirmations worker error"));
  return worker;
}
