import { providerActor, TERMINAL_STATUSES } from "@causeflow/contracts";
import { isRecordNotFound, type Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { alertRecord, type AlertContext } from "./alert-context";

const OPEN = { notIn: [...TERMINAL_STATUSES] };

/** Counts a duplicate against the open incident of the alert's key (`incident.duplicate`); null when none is open. */
export async function recordDuplicate(deps: Pick<DomainDeps, "prisma">, ctx: AlertContext): Promise<Incident | null> {
  const key = { tenantId: ctx.tenantId, source: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId };
  const open = await deps.prisma.incident.findFirst({ where: { ...key, status: OPEN }, select: { id: true } });
  if (!open) return null;
  return deps.prisma.$transaction(async (tx) => {
    let incident: Incident;
    try {
      // The status condition makes this a no-op if the incident closed since it was read.
      incident = await tx.incident.update({
        where: { id: open.id, status: OPEN },
        data: {
          duplicateCount: { increment: 1 },
          lastSeenAt: ctx.receivedAt,
          alerts: { create: alertRecord(ctx, "duplicate") },
        },
      });
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw error;
    }
    await appendActivity(tx, ctx.tenantId, [
      {
        incidentId: incident.id,
        actor: providerActor(ctx.provider),
        message: "Duplicate alert received",
        occurredAt: ctx.receivedAt,
        event: { type: "incident.duplicate", data: { eventId: ctx.eventId, duplicateCount: incident.duplicateCount } },
      },
    ]);
    return incident;
  });
}
