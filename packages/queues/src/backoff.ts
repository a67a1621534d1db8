import type { BackoffStrategy } from "bullmq";
import { NotCommittedYet } from "./not-committed-yet";

/** The backoff of every retried job: `JOB_BACKOFF_BASE_MS` doubling per attempt, capped at `JOB_BACKOFF_MAX_MS`. */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1000, maxMs: 60_000 };

/** An error that says when to try again (an HTTP 429/503 `Retry-After`), honoured within the cap's hour. */
export interface RetryAfter {
  retryAfterMs?: number;
}

/** The first wait of a job whose subject's transaction has not committed yet: it is about to. */
export const COMMIT_WAIT_MS = 50;

/**
 * Capped exponential backoff with jitter (so retries after an outage do not arrive in one wave);
 * a `retryAfterMs` on the error wins when it is later. A job that ran before the transaction that
 * queued it committed (NotCommittedYet) starts from COMMIT_WAIT_MS instead of the base: that
 * commit is a statement away, and an investigation's agents would otherwise all start a second
 * late.
 */
export function cappedBackoff({ baseMs, maxMs }: BackoffSettings): BackoffStrategy {
  return (attemptsMade, _type, error) => {
    const first = error instanceof NotCommittedYet ? Math.min(baseMs, COMMIT_WAIT_MS) : baseMs;
    const exponential = Math.min(maxMs, first * 2 ** Math.min(30, Math.max(0, attemptsMade - 1)));
    const delay = Math.round(exponential * (0.75 + Math.random() * 0.25));
    const asked = (error as RetryAfter | undefined)?.retryAfterMs;
    return asked && asked > delay ? Math.min(asked, 3600_000) : delay;
  };
}
