import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

/** Paths never written to logs: credentials, signatures and secrets wherever they appear. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  'req.headers["x-webhook-signature"]',
  'req.headers["x-admin-token"]',
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  'req.headers["x-grafana-alerting-signature"]',
  'req.headers["sentry-hook-signature"]',
  'req.headers["x-pagerduty-signature"]',
  'req.headers["x-hub-signature"]',
  'req.headers["x-hub-signature-256"]',
  'req.headers["webhook-signature"]',
  'headers["x-grafana-alerting-signature"]',
  'headers["sentry-hook-signature"]',
  'headers["x-pagerduty-signature"]',
  'headers["x-hub-signature-256"]',
  "headers.authorization",
  'headers["x-api-key"]',
  'headers["x-webhook-signature"]',
  "*.apiKey",
  "*.webhookSecret",
  "*.signingSecrets",
  "*.password",
  "apiKey",
  "webhookSecret",
  "signingSecrets",
];

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  /** Where to write; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

/** A pino logger that names its service and redacts credentials. */
export function createLogger({ service, level = "info", destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
