import { z } from "zod";

/** Environment fields shared by several services, with the defaults of the HTTP contract (§6). */
export const envFields = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/causeflow"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.' and '-' only")
    .default("causeflow"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SECRETS_KEY: z
    .string({ error: "is required: 64 hex characters (openssl rand -hex 32)" })
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (a 32-byte key; openssl rand -hex 32)"),
  DEDUP_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** First retry delay of a job; each retry doubles it up to JOB_BACKOFF_MAX_MS (tests shorten both). */
  JOB_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /** Longest delay between two retries of a job: infrastructure errors retry at this pace for as long as an outage lasts. */
  JOB_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** How long a service may take to stop after SIGTERM: requests in flight are answered, active jobs finished or handed back. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Hosts, IPs and CIDRs outbound requests (channels, agents' data sources) may reach although private (contract §8). */
  OUTBOUND_ALLOWED_HOSTS: z.string().default(""),
  /** SMTP server of email channels, e.g. smtp://user:pass@host:587 (unset: email channels fail, saying so). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).default("CauseFlow <causeflow@localhost>"),
  /** Days raw delivery bodies and resolved incidents' details are kept (0 keeps them for ever). */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Optional health port for a worker; it listens only when set. */
  optionalPort: z.coerce.number().int().min(1).max(65535).optional(),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
} as const;
