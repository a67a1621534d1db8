import { z } from "zod";
import { AlertOutcome } from "../verdict";
import { IncidentStatus } from "../incident-status";
import { PayloadIssue } from "../payload-rejection";
import { Severity } from "../severity";
import { Timestamp } from "./common";

/** Per-alert outcomes of a grouped payload (Grafana, Alertmanager). */
const GroupResults = z
  .array(z.strictObject({ sourceAlertId: z.string(), outcome: AlertOutcome, incidentId: z.string().nullable() }))
  .optional();

/** 201: a new incident. */
export const WebhookCreated = z.strictObject({
  eventId: z.string(),
  outcome: z.literal("created"),
  incidentId: z.string(),
  title: z.string(),
  severity: Severity,
  status: IncidentStatus,
  results: GroupResults,
});

/** 200: the delivery resolved an open incident, was a duplicate answered 200 (§9), or did nothing. */
export const WebhookOutcome = z.strictObject({
  eventId: z.string(),
  outcome: z.enum(["resolved", "ignored", "duplicate", "silenced", "reopened"]),
  incidentId: z.string().nullable().optional(),
  title: z.string().optional(),
  severity: Severity.optional(),
  status: IncidentStatus.optional(),
  reason: z.string().optional(),
  silenceId: z.string().optional(),
  results: GroupResults,
});

/** 409: a duplicate of an open incident. */
export const WebhookDuplicate = z.strictObject({
  error: z.literal("alert_already_exists"),
  message: z.string(),
  eventId: z.string(),
  incidentId: z.string().nullable(),
  results: GroupResults,
});

/** 422: JSON that does not match the provider's format. */
export const WebhookRejected = z.strictObject({
  error: z.literal("invalid_payload"),
  message: z.string(),
  eventId: z.string(),
  issues: z.array(PayloadIssue),
});

/** 202: queued; the verdict was not ready in time (see GET /v1/events/{eventId}). */
export const WebhookQueued = z.strictObject({ eventId: z.string(), status: z.literal("queued") });

/** What became of one delivery. */
export const EventRecord = z.strictObject({
  eventId: z.string(),
  provider: z.string(),
  receivedAt: Timestamp,
  status: z.enum(["queued", "processed", "failed"]),
  outcome: z.string().nullable(),
  reason: z.string().nullable().optional(),
  silenceId: z.string().nullable().optional(),
  results: z.array(z.unknown()),
  error: z.unknown(),
  followUp: z.unknown().optional(),
});

export const Health = z.strictObject({ status: z.literal("ok") });
export const Readiness = z.looseObject({ ready: z.boolean(), checks: z.record(z.string(), z.string()) });

export type WebhookCreated = z.infer<typeof WebhookCreated>;
export type WebhookOutcome = z.infer<typeof WebhookOutcome>;
export type WebhookDuplicate = z.infer<typeof WebhookDuplicate>;
export type WebhookRejected = z.infer<typeof WebhookRejected>;
export type WebhookQueued = z.infer<typeof WebhookQueued>;
export type EventRecord = z.infer<typeof EventRecord>;
export type Health = z.infer<typeof Health>;
export type Readiness = z.infer<typeof Readiness>;
