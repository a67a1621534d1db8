import type { JobData, JobDefinition } from "@causeflow/contracts";
import { isInfrastructureError } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { inSpan, type Metrics } from "@causeflow/observability";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { cappedBackoff, DEFAULT_BACKOFF, type BackoffSettings } from "./backoff";
import { forceClosed } from "./close-workers";
import { NotCommittedYet } from "./not-committed-yet";
import { OwnFailures } from "./own-failures";
import type { QueueConnection } from "./queue-set";

export interface WorkerOptions extends QueueConnection {
  concurrency: number;
  logger: Logger;
  backoff?: BackoffSettings;
  /** How long a job's lock lives without renewal; a killed worker's job is retried after it. */
  lockDuration?: number;
  /** Records job durations (causeflow_job_duration_seconds). */
  metrics?: Metrics;
}

/**
 * The one way CauseFlow builds a BullMQ worker for a catalog job. Its processor gets a validated
 * payload: a payload that does not match the schema can never succeed (UnrecoverableError).
 * Infrastructure errors always retry, with the capped backoff, for as long as the outage lasts;
 * other errors follow the job's retry policy (style rule 5), counted by `OwnFailures`, which a
 * processor that gives up in its own way (an agent recording its failure) records through too.
 */
export function createWorker<D extends JobDefinition, R>(
  definition: D,
  processor: (data: JobData<D>, job: Job<JobData<D>, R>, failures: OwnFailures) => Promise<R>,
  options: WorkerOptions,
): Worker<JobData<D>, R> {
  const { retry } = definition;
  const ownLimit = retry.kind === "until_done" ? retry.otherErrorAttempts : undefined;
  /** The job's work: a validated payload, a span, the retry policy. */
  const run = async (job: Job<JobData<D>, R>): Promise<R> => {
    const failures = new OwnFailures(worker, job, ownLimit);
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed ${definition.queue} job: ${parsed.error.message}`);
    const carrier = (parsed.data as { trace?: Record<string, string> }).trace;
    const stopTimer = options.metrics?.jobDuration.startTimer({ queue: definition.queue });
    try {
      const result = await inSpan(
        `${definition.queue} process`,
        {
          carrier,
          kind: "consumer",
          attributes: {
            "messaging.system": "bullmq",
            "messaging.destination.name": definition.queue,
            "job.id": String(job.id),
          },
        },
        () => processor(parsed.data as JobData<D>, job, failures),
      );
      stopTimer?.({ outcome: "completed" });
      return result;
    } catch (error) {
      stopTimer?.({ outcome: "failed" });
      if (error instanceof UnrecoverableError || error instanceof NotCommittedYet || isInfrastructureError(error)) throw error;
      if (retry.kind === "limited") throw error;
      if (ownLimit !== undefined) {
        // Redis down while counting: the job retries, its count not advanced.
        const own = await failures.record().catch(() => undefined);
        if (own?.final) throw new UnrecoverableError((error as Error).message);
      }
      if (retry.giveUpAfterMs !== undefined && Date.now() - job.timestamp >= retry.giveUpAfterMs) {
        throw new UnrecoverableError(
          `gave up after ${Math.round(retry.giveUpAfterMs / 3600_000)} h: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  };
  const worker: Worker<JobData<D>, R> = new Worker<JobData<D>, R>(
    definition.queue,
    async (job) => {
      const outcome = run(job);
      await outcome.catch(() => undefined);
      // A worker closed by force has handed its jobs back (their locks expire); finishing one now
      // makes BullMQ spin on its closed connection and starve the event loop, so it never does.
      if (forceClosed.has(worker)) return new Promise<R>(() => undefined);
      return outcome;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: { backoffStrategy: cappedBackoff(options.backoff ?? DEFAULT_BACKOFF) },
      ...(options.lockDuration
        ? { lockDuration: options.lockDuration, stalledInterval: Math.max(1000, Math.floor(options.lockDuration / 2)) }
        : {}),
      // A job whose worker died is retried; only a job that keeps killing its worker fails.
      maxStalledCount: 5,
    },
  );
  worker.on("failed", (job, error) => {
    const final = error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    const fields = { queue: definition.queue, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message };
    // A job that ran before the transaction that queued it had committed is retried as designed.
    const waiting = !final && error instanceof NotCommittedYet;
    const level = final ? "error" : waiting ? "debug" : "warn";
    const outcome = final ? "failed for good" : waiting ? "waits for its subject's commit" : "failed; retrying";
    options.logger[level](fields, `${definition.queue} job ${outcome}`);
  });
  worker.on("error", (error) => options.logger.error({ queue: definition.queue, err: error.message }, "worker error"));
  return worker;
}
