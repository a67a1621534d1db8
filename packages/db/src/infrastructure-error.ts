import { isDatabaseUnavailable, isRetryableConflict } from "./db-errors";

const REDIS_DOWN =
  /Stream isn't writeable|enableOfflineQueue|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Reached the max retries|MaxRetriesPerRequestError|connect ETIMEDOUT|LOADING|READONLY|MISCONF|CLUSTERDOWN|TRYAGAIN|Command timed out/i;

/**
 * True when a backing store (Redis or Postgres) is unreachable or asked for a retry: the HTTP edge
 * answers 503, and workers retry for as long as it lasts, never giving up on acknowledged work.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (isDatabaseUnavailable(error) || isRetryableConflict(error)) return true;
  if (!(error instanceof Error)) return false;
  return REDIS_DOWN.test(error.message) || error.name === "MaxRetriesPerRequestError";
}
