import { envFields, parseEnv } from "@causeflow/config";
import { z } from "zod";

/** The notifier's environment (contract §6, §8). */
export const NotifierEnv = z.object({
  DATABASE_URL: envFields.DATABASE_URL,
  REDIS_URL: envFields.REDIS_URL,
  QUEUE_PREFIX: envFields.QUEUE_PREFIX,
  LOG_LEVEL: envFields.LOG_LEVEL,
  SECRETS_KEY: envFields.SECRETS_KEY,
  JOB_BACKOFF_BASE_MS: envFields.JOB_BACKOFF_BASE_MS,
  JOB_BACKOFF_MAX_MS: envFields.JOB_BACKOFF_MAX_MS,
  SHUTDOWN_TIMEOUT_MS: envFields.SHUTDOWN_TIMEOUT_MS,
  OUTBOUND_ALLOWED_HOSTS: envFields.OUTBOUND_ALLOWED_HOSTS,
  PORT: envFields.port(3000),
  /** Base of the console links in messages (the gateway's public URL). */
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: envFields.SMTP_URL,
  SMTP_FROM: envFields.SMTP_FROM,
  NOTIFIER_PORT: envFields.optionalPort,
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** How long a delivery's lock lives without renewal; a killed notifier's deliveries are retried after it. */
  NOTIFIER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often the relay looks for new activity when no announcement woke it. */
  NOTIFIER_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
});
export type NotifierEnv = z.infer<typeof NotifierEnv>;

export function loadNotifierEnv(env: NodeJS.ProcessEnv = process.env): NotifierEnv {
  return parseEnv("notifier", NotifierEnv, env);
}
