import { newId, TERMINAL_STATUSES, type AlertResult, type NormalizedAlert } from "@causeflow/contracts";
import { isRecordNotFound, timelineRecord, type Incident, type PrismaClient } from "@causeflow/db";

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
}

const OPEN = { notIn: [...TERMINAL_STATUSES] };

/**
 * Applies one normalized alert to Postgres, exactly once per (eventId, index): each effect is one
 * atomic nested write that includes the alert's IncidentAlert row, whose id is deterministic, so
 * a retried job finds what it already did instead of doing it again.
 */
export class IncidentStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** The result already committed for this alert by an earlier attempt, if any. */
  async priorResult(ctx: AlertContext): Promise<AlertResult | null> {
    const record = await this.prisma.incidentAlert.findUnique({ where: { id: recordId(ctx) }, include: { incident: true } });
    if (!record) return null;
    return toResult(record.sourceAlertId, record.outcome as AlertResult["outcome"], record.incident);
  }

  /** Opens a new incident; throws a unique violation when one is already open for the key. */
  async create(ctx: AlertContext): Promise<AlertResult> {
    const { alert } = ctx;
    const incident = await this.prisma.incident.create({
      data: {
        id: newId("incident"),
        tenantId: ctx.tenantId,
        title: alert.title,
        description: alert.description,
        severity: alert.severity,
        status: "open",
        source: ctx.provider,
        sourceAlertId: alert.sourceAlertId,
        service: alert.service,
        environment: alert.environment,
        tags: alert.tags,
        url: alert.url,
        occurredAt: new Date(alert.occurredAt),
        firstSeenAt: ctx.receivedAt,
        lastSeenAt: ctx.receivedAt,
        alerts: { create: alertRecord(ctx, "created") },
        timeline: {
          create: timelineRecord({
            kind: "created",
            message: `Incident opened from ${ctx.provider} alert`,
            data: { eventId: ctx.eventId, severity: alert.severity },
          }),
        },
      },
    });
    return toResult(alert.sourceAlertId, "created", incident);
  }

  /** Counts a duplicate against the open incident; null when none is open. */
  async recordDuplicate(ctx: AlertContext): Promise<AlertResult | null> {
    const updated = await this.updateOpen(ctx, {
      duplicateCount: { increment: 1 },
      lastSeenAt: ctx.receivedAt,
      alerts: { create: alertRecord(ctx, "duplicate") },
      timeline: {
        create: timelineRecord({ kind: "duplicate", message: "Duplicate alert received", data: { eventId: ctx.eventId } }),
      },
    });
    return updated && toResult(ctx.alert.sourceAlertId, "duplicate", updated);
  }

  /** Resolves the open incident for the key, or records the alert as ignored when none is open. */
  async resolve(ctx: AlertContext): Promise<AlertResult> {
    const resolved = await this.updateOpen(ctx, (open) => ({
      status: "resolved",
      resolvedAt: ctx.receivedAt,
      lastSeenAt: ctx.receivedAt,
      alerts: { create: alertRecord(ctx, "resolved") },
      timeline: {
        create: timelineRecord({
          kind: "status_changed",
          message: `Resolved by ${ctx.provider}`,
          data: { eventId: ctx.eventId, from: open.status, to: "resolved" },
        }),
      },
    }));
    if (resolved) return toResult(ctx.alert.sourceAlertId, "resolved", resolved);
    await this.prisma.incidentAlert.create({ data: { ...alertRecord(ctx, "ignored"), incidentId: null } });
    return toResult(ctx.alert.sourceAlertId, "ignored", null);
  }

  /** Applies `data` to the open incident of the alert's key, atomically; null when none is open. */
  private async updateOpen(
    ctx: AlertContext,
    data:
      | Parameters<PrismaClient["incident"]["update"]>[0]["data"]
      | ((open: Incident) => Parameters<PrismaClient["incident"]["update"]>[0]["data"]),
  ): Promise<Incident | null> {
    const open = await this.prisma.incident.findFirst({
      where: { tenantId: ctx.tenantId, source: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId, status: OPEN },
    });
    if (!open) return null;
    try {
      // The status condition makes this a no-op if the incident closed since it was read.
      return await this.prisma.incident.update({
        where: { id: open.id, status: OPEN },
        data: typeof data === "function" ? data(open) : data,
      });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw error;
    }
  }
}

function recordId(ctx: Pick<AlertContext, "eventId" | "index">): string {
  return `${ctx.eventId}-${ctx.index}`;
}

/** The IncidentAlert row of an alert (its incident comes from the nested write). */
function alertRecord(ctx: AlertContext, outcome: AlertResult["outcome"]) {
  return {
    id: recordId(ctx),
    eventId: ctx.eventId,
    sourceAlertId: ctx.alert.sourceAlertId,
    status: ctx.alert.status,
    outcome,
    normalized: ctx.alert,
  };
}

function toResult(sourceAlertId: string, outcome: AlertResult["outcome"], incident: Incident | null): AlertResult {
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
