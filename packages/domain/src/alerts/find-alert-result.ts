import type { AlertOutcome, AlertResult } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import { alertRecordId, toResult, type AlertContext } from "./alert-context";

/** The result an earlier attempt already committed for this alert, if any. */
export async function findAlertResult(prisma: PrismaClient, ctx: AlertContext): Promise<AlertResult | null> {
  const record = await prisma.incidentAlert.findUnique({ where: { id: alertRecordId(ctx) }, include: { incident: true } });
  if (!record) return null;
  return toResult(record.sourceAlertId, record.outcome as AlertOutcome, record.incident);
}
