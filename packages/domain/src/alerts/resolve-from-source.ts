import { providerActor, TERMINAL_STATUSES } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { moveIncident } from "../incidents/move-incident";
import { alertRecord, type AlertContext } from "./alert-context";
import { HELD } from "./resolve-once-opened";

/**
 * A resolved alert resolves the open incident of its key (`incident.resolved`, actor the
 * provider); with none open the alert is recorded as ignored, or with `hold` left unrecorded (HELD,
 * see resolveOnceOpened). Returns the incident resolved, or null.
 */
export async function resolveFromSource(
  deps: Pick<DomainDeps, "prisma">,
  ctx: AlertContext,
  hold = false,
): Promise<Incident | null | typeof HELD> {
  const key = { tenantId: ctx.tenantId, source: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const open = await deps.prisma.incident.findFirst({ where: { ...key, status: { notIn: [...TERMINAL_STATUSES] } } });
    if (!open) break;
    const resolved = await deps.prisma.$transaction(async (tx) => {
      const moved = await moveIncident(tx, open, "resolved", {
        by: "operation",
        data: {
          resolvedAt: ctx.receivedAt,
          resolvedByKind: "provider",
          lastSeenAt: ctx.receivedAt,
          alerts: { create: alertRecord(ctx, "resolved") },
        },
      });
      if (!moved) return null;
      await appendActivity(tx, ctx.tenantId, [
        {
          incidentId: moved.id,
          actor: providerActor(ctx.provider),
          message: `Resolved by ${ctx.provider}`,
          occurredAt: ctx.receivedAt,
          event: { type: "incident.resolved", data: { from: open.status, to: "resolved", eventId: ctx.eventId } },
        },
      ]);
      return moved;
    });
    // Null: the incident changed between the read and the update; read it again.
    if (resolved) return resolved;
  }
  if (hold) return HELD;
  await deps.prisma.incidentAlert.create({ data: { ...alertRecord(ctx, "ignored"), incidentId: null } });
  return null;
}
