import { JOB_RETENTION, type JobDefinition } from "@causeflow/contracts";
import type { JobsOptions } from "bullmq";

/** Enough attempts to outlast any outage: at the capped backoff of a minute, months. */
export const UNLIMITED_ATTEMPTS = 1_000_000;

/** The BullMQ options of a catalog job: its id, retries (backoff computed by the worker, see backoff.ts) and retention. */
export function jobOptions<D extends JobDefinition>(definition: D, data: unknown): JobsOptions {
  const attempts = definition.retry.kind === "limited" ? definition.retry.attempts : UNLIMITED_ATTEMPTS;
  return {
    jobId: definition.jobId(data),
    attempts,
    backoff: { type: "capped" },
    ...(definition.retention ?? JOB_RETENTION),
  };
}

export function jobName<D extends JobDefinition>(definition: D, data: unknown): string {
  return typeof definition.name === "function" ? definition.name(data) : definition.name;
}
