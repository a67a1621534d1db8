import type { AlertResult, NormalizedAlert } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";

/** One normalized alert of a delivery, where it came from, and its place in it. */
export interface AlertContext {
  tenantId: string;
  provider: string;
  eventId: string;
  /** Position of the alert in its delivery; with eventId, the idempotency key of its effect. */
  index: number;
  /** True when the delivery was first seen by this attempt, so nothing of it can be applied yet. */
  firstAttempt: boolean;
  alert: NormalizedAlert;
  receivedAt: Date;
  requestId?: string;
  /**
   * Whether a delivery another normalizer took off the queue before this alert's is still being
   * applied (it may hold a firing alert of this key not yet claimed). Set by the normalizer from
   * its queue; absent, no other can be.
   */
  earlierElsewhere?: () => Promise<boolean>;
}

/** Deterministic id of an alert's IncidentAlert row: a retried job finds what it already did. */
export function alertRecordId(ctx: Pick<AlertContext, "eventId" | "index">): string {
  return `${ctx.eventId}-${ctx.index}`;
}

/** The IncidentAlert row of an alert, for nested writes (its incident comes from the parent). */
export function alertRecord(ctx: AlertContext, outcome: AlertResult["outcome"]) {
  return {
    id: alertRecordId(ctx),
    eventId: ctx.eventId,
    sourceAlertId: ctx.alert.sourceAlertId,
    status: ctx.alert.status,
    outcome,
    normalized: ctx.alert,
  };
}

export function toResult(sourceAlertId: string, outcome: AlertResult["outcome"], incident: Incident | null): AlertResult {
  if (!incident) return { sourceAlertId, outcome, incidentId: null };
  return {
    sourceAlertId,
    outcome,
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
  };
}
