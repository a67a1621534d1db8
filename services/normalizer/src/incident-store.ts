import { newId, TERMINAL_STATUSES, type AlertResult, type NormalizedAlert } from "@causeflow/contracts";
import { addTimelineEntry, type Incident, type Prisma, type PrismaClient } from "@causeflow/db";

type Tx = Prisma.TransactionClient;

export interface AlertContext {
  tenantId: string;
  provider: string;
  eventId: string;
  /** Position of the alert in its delivery; with eventId, the idempotency key of its effect. */
  index: number;
  alert: NormalizedAlert;
  receivedAt: Date;
}

const OPEN = { notIn: [...TERMINAL_STATUSES] };

/** Raised inside a transaction to roll it back when no open incident matched. */
class NoOpenIncident extends Error {}

/**
 * Applies one normalized alert to Postgres, exactly once per (eventId, index): each effect is
 * committed together with its IncidentAlert row, whose id is deterministic, so a retried job finds
 * what it already did instead of doing it again.
 */
export class IncidentStore {
  constructor(private readonly prisma: PrismaClient) {}

  alertRecordId(ctx: Pick<AlertContext, "eventId" | "index">): string {
    return `${ctx.eventId}-${ctx.index}`;
  }

  /** The result already committed for this alert by an earlier attempt, if any. */
  async priorResult(ctx: AlertContext): Promise<AlertResult | null> {
    const record = await this.prisma.incidentAlert.findUnique({
      where: { id: this.alertRecordId(ctx) },
      include: { incident: true },
    });
    if (!record) return null;
    return toResult(record.sourceAlertId, record.outcome as AlertResult["outcome"], record.incident);
  }

  /** Opens a new incident; throws a unique violation when one is already open for the key. */
  async create(ctx: AlertContext): Promise<AlertResult> {
    const { alert } = ctx;
    const incident = await this.prisma.$transaction(async (tx) => {
      const created = await tx.incident.create({
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
        },
      });
      await this.record(tx, ctx, "created", created.id);
      await addTimelineEntry(tx, {
        incidentId: created.id,
        kind: "created",
        message: `Incident opened from ${ctx.provider} alert`,
        data: { eventId: ctx.eventId, severity: alert.severity },
      });
      return created;
    });
    return toResult(alert.sourceAlertId, "created", incident);
  }

  /** Counts a duplicate against the open incident; null when none is open. */
  async recordDuplicate(ctx: AlertContext): Promise<AlertResult | null> {
    try {
      const incident = await this.prisma.$transaction(async (tx) => {
        const open = await findOpen(tx, ctx);
        if (!open) throw new NoOpenIncident();
        const updated = await tx.incident.updateMany({
          where: { id: open.id, status: OPEN },
          data: { duplicateCount: { increment: 1 }, lastSeenAt: ctx.receivedAt },
        });
        if (updated.count === 0) throw new NoOpenIncident();
        await this.record(tx, ctx, "duplicate", open.id);
        await addTimelineEntry(tx, {
          incidentId: open.id,
          kind: "duplicate",
          message: "Duplicate alert received",
          data: { eventId: ctx.eventId },
        });
        return open;
      });
      return toResult(ctx.alert.sourceAlertId, "duplicate", incident);
    } catch (error) {
      if (error instanceof NoOpenIncident) return null;
      throw error;
    }
  }

  /** Resolves the open incident for the key, or records the alert as ignored when none is open. */
  async resolve(ctx: AlertContext): Promise<AlertResult> {
    const incident = await this.prisma.$transaction(async (tx) => {
      const open = await findOpen(tx, ctx);
      const updated = open
        ? await tx.incident.updateMany({
            where: { id: open.id, status: OPEN },
            data: { status: "resolved", resolvedAt: ctx.receivedAt, lastSeenAt: ctx.receivedAt },
          })
        : { count: 0 };
      if (!open || updated.count === 0) {
        await this.record(tx, ctx, "ignored", null);
        return null;
      }
      await this.record(tx, ctx, "resolved", open.id);
      await addTimelineEntry(tx, {
        incidentId: open.id,
        kind: "status_changed",
        message: `Resolved by ${ctx.provider}`,
        data: { eventId: ctx.eventId, from: open.status, to: "resolved" },
      });
      return { ...open, status: "resolved" as const };
    });
    return toResult(ctx.alert.sourceAlertId, incident ? "resolved" : "ignored", incident);
  }

  private async record(tx: Tx, ctx: AlertContext, outcome: AlertResult["outcome"], incidentId: string | null) {
    await tx.incidentAlert.create({
      data: {
        id: this.alertRecordId(ctx),
        eventId: ctx.eventId,
        incidentId,
        sourceAlertId: ctx.alert.sourceAlertId,
        status: ctx.alert.status,
        outcome,
        normalized: ctx.alert,
      },
    });
  }
}

function findOpen(tx: Tx, ctx: AlertContext): Promise<Incident | null> {
  return tx.incident.findFirst({
    where: { tenantId: ctx.tenantId, source: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId, status: OPEN },
  });
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

