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
  const { alert } = ctx;
  return deps.prisma.$transaction(async (tx) => {
    const incident = await tx.incident.create({
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
      },
    });
    await appendActivity(tx, ctx.tenantId, [
      {
        incidentId: incident.id,
        actor: providerActor(ctx.provider),
        message: `Incident opened from ${ctx.provider} alert`,
        occurredAt: ctx.receivedAt,
        event: {
          type: "incident.created",
          data: {
            title: incident.title,
            severity: incident.severity,
            source: incident.source,
            sourceAlertId: incident.sourceAlertId,
            service: incident.service,
            environment: incident.environment,
            eventId: ctx.eventId,
          },
        },
      },
    ]);
    return incident;
  });
}
