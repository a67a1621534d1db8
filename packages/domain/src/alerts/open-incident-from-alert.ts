import { newId, providerActor } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { alertRecord, type AlertContext } from "./alert-context";

/**
 * Opens a new incident from a firing alert, with its alert record and `incident.created`, in one
 * transaction. Throws a unique violation when an incident is already open for the key (the
 * partial unique index `incident_open_key` decides races).
 */
export async function openIncidentFromAlert(deps: Pick<DomainDeps, "prisma">, ctx: AlertContext): Promise<Incident> {
  return deps.prisma.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        id: newId("incident"),
        ...incidentFieldsOf(ctx),
        status: "open",
        firstSeenAt: ctx.receivedAt,
        lastSeenAt: ctx.receivedAt,
        alerts: { create: alertRecord(ctx, "created") },
      },
    });
    await appendActivity(tx, ctx.tenantId, [{ incidentId: incident.id, ...createdEntry(ctx) }]);
    return incident;
  });
}

/** The fields of the incident a firing alert opens (here and, batched, in AlertBatcher). */
export function incidentFieldsOf(ctx: AlertContext) {
  const { alert } = ctx;
  return {
    tenantId: ctx.tenantId,
    title: alert.title,
    description: alert.description,
    severity: alert.severity,
    source: ctx.provider,
    sourceAlertId: alert.sourceAlertId,
    service: alert.service,
    environment: alert.environment,
    tags: alert.tags,
    url: alert.url,
    occurredAt: new Date(alert.occurredAt),
  };
}

/** The `incident.created` entry of an incident a firing alert opens. */
export function createdEntry(ctx: AlertContext) {
  const { alert } = ctx;
  return {
    actor: providerActor(ctx.provider),
    message: `Incident opened from ${ctx.provider} alert`,
    occurredAt: ctx.receivedAt,
    event: {
      type: "incident.created" as const,
      data: {
        title: alert.title,
        severity: alert.severity,
        source: ctx.provider,
        sourceAlertId: alert.sourceAlertId,
        service: alert.service,
        environment: alert.environment,
        eventId: ctx.eventId,
      },
    },
  };
}
