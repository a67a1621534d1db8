import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

/** What a redacted value is replaced with. */
export const CENSOR = "[redacted]";

/** Request headers that carry credentials or signatures (lower case, as Node names them). */
export const SENSITIVE_HEADERS = [
  "authorization",
  "x-api-key",
  "x-webhook-signature",
  "x-admin-token",
  "cookie",
  "x-grafana-alerting-signature",
  "sentry-hook-signature",
  "x-pagerduty-signature",
  "x-hub-signature",
  "x-hub-signature-256",
  "webhook-signature",
] as const;

/** Paths never written to logs: credentials, signatures and secrets wherever they appear. */
export const REDACTED_PATHS = [
  ...SENSITIVE_HEADERS.flatMap((name) => [`req.headers["${name}"]`, `headers["${name}"]`]),
  'res.headers["set-cookie"]',
  "*.apiKey",
  "*.webhookSecret",
  "*.signingSecrets",
  "*.password",
  "apiKey",
  "webhookSecret",
  "signingSecrets",
];

const sensitive = new Set<string>(SENSITIVE_HEADERS);

/**
 * A copy of request headers fit for a log line: SENSITIVE_HEADERS censored, as redaction would
 * censor them. For the gateway's request line, which is built from these and logged without
 * redaction: pino's redaction re-parses each of its paths on every line (@pinojs/redact 0.4),
 * about a sixth of the gateway's allocation per webhook (issue 12).
 */
export function scrubHeaders(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(headers)) copy[name] = sensitive.has(name.toLowerCase()) ? CENSOR : headers[name];
  return copy;
}

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
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
