import { QUEUE_NAMES, type TriageJob } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import { Worker, type ConnectionOptions } from "bullmq";
import { createTriageProcessor, type TriageDeps, type TriageResult } from "./process-triage";

/** The BullMQ worker of the `triage` queue. */
export function createTriageWorker(
  deps: TriageDeps,
  options: { connection: ConnectionOptions; prefix: string; concurrency: number; logger: Logger },
): Worker<TriageJob, TriageResult> {
  const worker = new Worker<TriageJob, TriageResult>(QUEUE_NAMES.triage, createTriageProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    maxStalledCount: 3,
  });
  worker.on("failed", (job, error) => options.logger.warn({ incidentId: job?.data.incidentId, err: error.message }, "triage job failed"));
  worker.on("error", (error) => options.logger.error({ err: error }, "triage worker error"));
  return worker;
}
