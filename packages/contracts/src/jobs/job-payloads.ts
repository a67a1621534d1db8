import { z } from "zod";

/** W3C trace context of the work that queued a job (OpenTelemetry), so one alert is one trace. */
export const TraceCarrier = z.record(z.string(), z.string()).optional();

/**
 * One webhook delivery: the request exactly as received, so nothing acknowledged is lost and
 * parsing can be retried. Changes to job payloads are additive only.
 */
export const RawAlertJob = z.object({
  eventId: z.string(),
  tenantId: z.string(),
  provider: z.string(),
  /** ISO 8601 time the gateway received the request. */
  receivedAt: z.string(),
  /** The body bytes as UTF-8 text. */
  rawBody: z.string(),
  /** Lower-cased header names → values, only the headers parsers and audits need. */
  headers: z.record(z.string(), z.string()),
  requestId: z.string().optional(),
  /** The gateway instance waiting for the verdict, if any (its reply channel). */
  replyTo: z.string().optional(),
  trace: TraceCarrier,
});
export type RawAlertJob = z.infer<typeof RawAlertJob>;

/**
 * Payload of a `raw-alerts` job: the deliveries one gateway accepted while its previous job was
 * being queued (issue 12: one job per batch, not per delivery). The first delivery's event id is
 * the job id; the others' are that id with `.1`, `.2`, … (`deliveryJobId`). A single delivery
 * (the payload before batching) is still read, so jobs queued by an older gateway are processed.
 */
export const RawAlertsJob = z.union([z.object({ deliveries: z.array(RawAlertJob).min(1), trace: TraceCarrier }), RawAlertJob]);
export type RawAlertsJob = z.infer<typeof RawAlertsJob>;

/** The deliveries of a `raw-alerts` job, whichever its shape. */
export function deliveriesOf(job: RawAlertsJob): RawAlertJob[] {
  return "deliveries" in job ? job.deliveries : [job];
}

/** The event id of the `index`-th delivery of the job `jobId`. */
export function deliveryEventId(jobId: string, index: number): string {
  return index === 0 ? jobId : `${jobId}.${index}`;
}

/** The id of the `raw-alerts` job that holds a delivery, from its event id. */
export function deliveryJobId(eventId: string): string {
  return eventId.replace(/\.\d+$/, "");
}

/** One incident to triage: ids only. */
export const TriageTarget = z.object({
  incidentId: z.string(),
  tenantId: z.string(),
  eventId: z.string().optional(),
  requestId: z.string().optional(),
});
export type TriageTarget = z.infer<typeof TriageTarget>;

/** Payload of a `triage` job: the incidents one normalizer batch opened (issue 12: one job, not one per incident), or one. */
export const TriageJob = z.object({
  incidents: z.array(TriageTarget).min(1),
  trace: TraceCarrier,
});
export type TriageJob = z.infer<typeof TriageJob>;

/** Payload of an `sns-confirmations` job: the delivery that asked, and the URL to visit. */
export const SnsConfirmationJob = z.object({
  eventId: z.string(),
  tenantId: z.string(),
  subscribeUrl: z.string(),
  trace: TraceCarrier,
});
export type SnsConfirmationJob = z.infer<typeof SnsConfirmationJob>;

/** Payload of an `investigations` (parent) job and of each agent (child) job: ids only. */
export const InvestigationJob = z.object({
  investigationId: z.string(),
  incidentId: z.string(),
  tenantId: z.string(),
  requestId: z.string().optional(),
  trace: TraceCarrier,
});
export type InvestigationJob = z.infer<typeof InvestigationJob>;

/** Payload of a `notifications` job: one delivery of one activity entry to one channel (contract §8). */
export const NotificationJob = z.object({
  deliveryId: z.string(),
  channelId: z.string(),
  tenantId: z.string(),
  trace: TraceCarrier,
});
export type NotificationJob = z.infer<typeof NotificationJob>;

/** Payload of a `maintenance` job: the periodic task to run. */
export const MaintenanceJob = z.object({ task: z.enum(["reconcile", "purge"]) });
export type MaintenanceJob = z.infer<typeof MaintenanceJob>;
