import { envFields, parseEnv } from "@causeflow/config";
import { z } from "zod";

/** The triage worker's environment (contract §6). */
export const TriageEnv = z.object({
  DATABASE_URL: envFields.DATABASE_URL,
  REDIS_URL: envFields.REDIS_URL,
  QUEUE_PREFIX: envFields.QUEUE_PREFIX,
  LOG_LEVEL: envFields.LOG_LEVEL,
  JOB_BACKOFF_BASE_MS: envFields.JOB_BACKOFF_BASE_MS,
  JOB_BACKOFF_MAX_MS: envFields.JOB_BACKOFF_MAX_MS,
  SHUTDOWN_TIMEOUT_MS: envFields.SHUTDOWN_TIMEOUT_MS,
  OUTBOUND_ALLOWED_HOSTS: envFields.OUTBOUND_ALLOWED_HOSTS,
  TRIAGE_PORT: envFields.optionalPort,
  /** Triage jobs processed at once (classified together, one statement per batch). */
  TRIAGE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  /** Agent runs and syntheses at once, per queue: investigations are bounded so intake and triage never starve. */
  INVESTIGATION_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How long a job's lock lives without renewal; a killed worker's jobs are retried after it. */
  TRIAGE_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Time budget of one agent run; an agent still running after it is stopped and recorded as failed. */
  AGENT_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** How often the reconciler looks for incidents and investigations an outage left behind. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** How long work may be late before the reconciler takes it up. */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  RETENTION_DAYS: envFields.RETENTION_DAYS,
  /** How often the retention purge runs. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(60_000).default(3600_000),
});
export type TriageEnv = z.infer<typeof TriageEnv>;

export function loadTriageEnv(env: NodeJS.ProcessEnv = process.env): TriageEnv {
  return parseEnv("triage", TriageEnv, env);
}
