import { envFields, parseEnv } from "@causeflow/config";
import { z } from "zod";

/** The normalizer's environment (contract §6). */
export const NormalizerEnv = z.object({
  DATABASE_URL: envFields.DATABASE_URL,
  REDIS_URL: envFields.REDIS_URL,
  QUEUE_PREFIX: envFields.QUEUE_PREFIX,
  LOG_LEVEL: envFields.LOG_LEVEL,
  DEDUP_TTL_SECONDS: envFields.DEDUP_TTL_SECONDS,
  JOB_BACKOFF_BASE_MS: envFields.JOB_BACKOFF_BASE_MS,
  JOB_BACKOFF_MAX_MS: envFields.JOB_BACKOFF_MAX_MS,
  SHUTDOWN_TIMEOUT_MS: envFields.SHUTDOWN_TIMEOUT_MS,
  NORMALIZER_PORT: envFields.optionalPort,
  /** Jobs processed at once (each holds up to 32 deliveries); their alerts are applied together, one statement per batch. */
  NORMALIZER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** How long a job's lock lives without renewal; a killed worker's job is retried after it. */
  NORMALIZER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
});
export type NormalizerEnv = z.infer<typeof NormalizerEnv>;

export function loadNormalizerEnv(env: NodeJS.ProcessEnv = process.env): NormalizerEnv {
  return parseEnv("normalizer", NormalizerEnv, env);
}
