import { Prisma } from "@prisma/client";

const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1003", "P1008", "P1017", "P2024"]);
/** Connection failures (Node), and Postgres: admin shutdown, cannot connect now, database does not exist, too many connections. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "3D000",
  "53300",
]);
/** Postgres errors that a retry of the same work can clear: serialization failure, deadlock, lock timeout. */
const RETRYABLE_CODES = new Set(["40001", "40P01", "55P03"]);

/** True for a violated unique constraint (Postgres 23505), such as the open-incident index. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return hasCode(error, "23505");
}

/** True when an update or delete matched no row (Prisma P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** True when the database could not be reached, dropped the connection, or does not exist yet. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_CODES.has(error.code)) return true;
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";
  if (
    /ECONNREFUSED|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|DatabaseNotReachable|DatabaseDoesNotExist|ETIMEDOUT|Transaction already closed|Unable to start a transaction/i.test(
      text,
    )
  ) {
    return true;
  }
  return [...NETWORK_CODES].some((code) => hasCode(error, code));
}

/** True for a conflict between concurrent transactions that the same work, retried, gets past. */
export function isRetryableConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2034" || error.code === "P2028")) return true;
  return [...RETRYABLE_CODES].some((code) => hasCode(error, code));
}

function hasCode(error: unknown, code: string, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const record = error as { code?: unknown; cause?: unknown; originalCode?: unknown; meta?: { code?: unknown } };
  if (record.code === code || record.originalCode === code || record.meta?.code === code) return true;
  return hasCode(record.cause, code, depth + 1);
}
