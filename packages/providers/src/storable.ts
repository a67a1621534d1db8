import { createHash } from "node:crypto";
import type { NormalizedAlert } from "@causeflow/contracts";

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must go
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must go
const NEEDS_FIX = /[\u0000\ud800-\udfff]/;

/**
 * Text Postgres can store: U+0000 removed (TEXT and JSONB refuse it) and unpaired surrogates
 * replaced by U+FFFD (JSONB refuses their escapes). Every string of an alert passes here once
 * (parseDelivery), so no acknowledged alert fails to persist because of its content.
 */
export function storableText(text: string): string {
  if (!NEEDS_FIX.test(text)) return text;
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\ufffd");
}

/** False when Postgres could not store the text as is (the REST API refuses such input with 400). */
export function isStorableText(text: string): boolean {
  return !NEEDS_FIX.test(text) || text === storableText(text);
}

/** `storableText` applied to every string and object key of a JSON value. */
export function storableJson(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)]));
  }
  return value;
}

export const TRUNCATION_MARKER = "… [truncated]";

/** At most `max` characters, cut with a marker (never between the two halves of a surrogate pair). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - TRUNCATION_MARKER.length;
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARKER;
}

/** Lengths an alert is cut to: long enough for any real alert, short enough for indexes and pages. */
export const ALERT_LIMITS = {
  title: 1000,
  description: 20_000,
  sourceAlertId: 500,
  service: 200,
  environment: 200,
  url: 2000,
  tags: 1000,
  tagKey: 200,
  tagValue: 1000,
} as const;

/**
 * An alert every column can hold: free text truncated with a marker rather than refused (the
 * alert must not be lost); an over-long sourceAlertId becomes a digest of itself, so distinct ids
 * stay distinct and the same id still deduplicates.
 */
export function storableAlert(alert: NormalizedAlert): NormalizedAlert {
  const id = alert.sourceAlertId;
  const tags = Object.entries(alert.tags)
    .slice(0, ALERT_LIMITS.tags)
    .map(([k, v]) => [capText(k, ALERT_LIMITS.tagKey), capText(v, ALERT_LIMITS.tagValue)]);
  return {
    ...alert,
    sourceAlertId: id.length > ALERT_LIMITS.sourceAlertId ? `sha256:${createHash("sha256").update(id).digest("hex")}` : id,
    title: capText(alert.title, ALERT_LIMITS.title),
    description: capText(alert.description, ALERT_LIMITS.description),
    service: alert.service === null ? null : capText(alert.service, ALERT_LIMITS.service),
    environment: alert.environment === null ? null : capText(alert.environment, ALERT_LIMITS.environment),
    url: alert.url === null || alert.url.length > ALERT_LIMITS.url ? null : alert.url,
    tags: Object.fromEntries(tags),
  };
}
