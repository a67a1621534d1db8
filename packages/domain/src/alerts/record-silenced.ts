import { providerActor } from "@causeflow/contracts";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { alertRecord, type AlertContext } from "./alert-context";

/** A firing alert a silence kept from opening an incident: its alert record (outcome `silenced`) and `alert.silenced`. */
export async function recordSilenced(deps: Pick<DomainDeps, "prisma">, ctx: AlertContext, silenceId: string): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await tx.incidentAlert.create({ data: { ...alertRecord(ctx, "silenced"), incidentId: null } });
    await appendActivity(tx, ctx.tenantId, [
      {
        actor: providerActor(ctx.provider),
        message: `Alert "${ctx.alert.title}" silenced`,
        occurredAt: ctx.receivedAt,
        event: {
          type: "alert.silenced",
          data: {
            eventId: ctx.eventId,
            silenceId,
            source: ctx.provider,
            sourceAlertId: ctx.alert.sourceAlertId,
            title: ctx.alert.title,
          },
        },
      },
    ]);
  });
}
