import { envFields, parseEnv } from "@causeflow/config";
import { z } from "zod";

/** The gateway's environment (contract §6). */
export const GatewayEnv = z.object({
  DATABASE_URL: envFields.DATABASE_URL,
  REDIS_URL: envFields.REDIS_URL,
  PORT: envFields.port(3000),
  ADMIN_TOKEN: z
    .string({ error: "is required: the operator token for management endpoints and Bull Board" })
    .min(16, "must be at least 16 characters"),
  SECRETS_KEY: envFields.SECRETS_KEY,
  QUEUE_PREFIX: envFields.QUEUE_PREFIX,
  LOG_LEVEL: envFields.LOG_LEVEL,
  DEDUP_TTL_SECONDS: envFields.DEDUP_TTL_SECONDS,
  SHUTDOWN_TIMEOUT_MS: envFields.SHUTDOWN_TIMEOUT_MS,
  OUTBOUND_ALLOWED_HOSTS: envFields.OUTBOUND_ALLOWED_HOSTS,
  SMTP_URL: envFields.SMTP_URL,
  SMTP_FROM: envFields.SMTP_FROM,
  WEBHOOK_VERDICT_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Webhook requests per tenant per minute. */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(2000),
  /** Open activity streams per tenant on one gateway; more get 429. */
  ACTIVITY_STREAMS_PER_TENANT: z.coerce.number().int().min(1).default(100),
  /** Base URL the integrations listing shows in webhookUrl. */
  PUBLIC_URL: z.url().optional(),
  /** Folder of pre-fetched SNS signing certificates, looked up by file name before fetching. */
  SNS_CERT_DIR: z.string().optional(),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv("gateway", GatewayEnv, env);
}
