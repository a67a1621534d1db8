import { providerActor } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { moveIncident } from "../incidents/move-incident";
import { alertRecord, type AlertContext } from "./alert-context";

/**
 * Flapping (contract §9): with the tenant's `reopenWindowSeconds` on, a firing alert whose key's
 * latest incident was resolved by its source less than that long ago reopens it (`open`,
 * `reopenCount` + 1, `incident.reopened`) instead of opening a new incident and investigation.
 * Null when there is none to reopen. A unique violation means another incident opened meanwhile.
 */
export async function reopenIncident(
  deps: Pick<DomainDeps, "prisma">,
  ctx: AlertContext,
  windowSeconds: number,
): Promise<Incident | null> {
  if (windowSeconds <= 0) return null;
  const latest = await deps.prisma.incident.findFirst({
    where: { tenantId: ctx.tenantId, source: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId },
    orderBy: { createdAt: "desc" },
  });
  if (
    !latest ||
    latest.status !== "resolved" ||
    latest.resolvedByKind !== "provider" ||
    !latest.resolvedAt ||
    ctx.receivedAt.getTime() - latest.resolvedAt.getTime() > windowSeconds * 1000
  ) {
    return null;
  }
  return deps.prisma.$transaction(async (tx) => {
    const reopened = await moveIncident(tx, latest, "open", {
      by: "operation",
      data: {
        reopenCount: { increment: 1 },
        resolvedAt: null,
        resolvedByKind: null,
        lastSeenAt: ctx.receivedAt,
        alerts: { create: alertRecord(ctx, "reopened") },
      },
    });
    if (!reopened) return null;
    await appendActivity(tx, ctx.tenantId, [
      {
        incidentId: reopened.id,
        actor: providerActor(ctx.provider),
        message: `Reopened: the alert fired again ${Math.round((ctx.receivedAt.getTime() - latest.resolvedAt!.getTime()) / 1000)} s after ${ctx.provider} resolved it`,
        occurredAt: ctx.receivedAt,
        event: {
          type: "incident.reopened",
          data: { from: "resolved", to: "open", eventId: ctx.eventId, reopenCount: reopened.reopenCount },
        },
      },
    ]);
    return reopened;
  });
}
