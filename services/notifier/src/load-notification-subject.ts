import type { ActivityRow, PrismaClient } from "@causeflow/db";
import { activityJson, rootCauseOf } from "@causeflow/domain";
import type { NotificationSubject } from "@causeflow/notify";

/** What a message about one activity entry says: the entry, its incident now, the latest investigation's findings. */
export async function loadNotificationSubject(
  prisma: PrismaClient,
  row: ActivityRow,
  publicUrl: string,
): Promise<NotificationSubject> {
  const activity = activityJson(row);
  if (!row.incidentId) return { activity, incident: null, rootCause: null, proposal: null, consoleUrl: null };
  const [incident, investigation] = await Promise.all([
    prisma.incident.findUnique({ where: { id: row.incidentId } }),
    prisma.investigation.findFirst({ where: { incidentId: row.incidentId }, orderBy: { startedAt: "desc" } }),
  ]);
  return {
    activity,
    incident: incident && {
      incidentId: incident.id,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      source: incident.source,
      service: incident.service,
      environment: incident.environment,
      duplicateCount: incident.duplicateCount,
      url: incident.url,
    },
    rootCause: investigation ? rootCauseOf(investigation) : null,
    proposal:
      investigation?.remediationStatus === "proposed" && investigation.remediationTitle
        ? { title: investigation.remediationTitle, steps: investigation.remediationSteps }
        : null,
    consoleUrl: `${publicUrl.replace(/\/$/, "")}/incidents/${row.incidentId}`,
  };
}
