import { isDatabaseUnavailable } from "@causeflow/db";

const REDIS_DOWN =
  /Stream isn't writeable|enableOfflineQueue|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Reached the max retries|MaxRetriesPerRequestError|connect ETIMEDOUT/i;

/** True when a store (Redis or Postgres) is unreachable: answered 503, never 500. */
export function isInfrastructureError(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  if (!(error instanceof Error)) return false;
  return REDIS_DOWN.test(error.message) || error.name === "MaxRetriesPerRequestError";
}
