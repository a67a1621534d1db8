import { readByIds, readLatestInvestigation, type ActivityRow, type PrismaClient } from "@causeflow/db";
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
  const [[incident], investigation] = await Promise.all([
    readByIds.incidents(prisma, [row.incidentId]),
    readLatestInvestigation(prisma, row.incidentId),
  ]);
  return {
    activity,
    incident: incident
      ? {
          incidentId: incident.id,
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          source: incident.source,
          service: incident.service,
          environment: incident.environment,
          duplicateCount: incident.duplicateCount,
          url: incident.url,
        }
      : null,
    rootCause: investigation ? rootCauseOf(investigation) : null,
    proposal:
      investigation?.remediationStatus === "proposed" && investigation.remediationTitle
        ? { title: investigation.remediationTitle, steps: investigation.remediationSteps }
        : null,
    consoleUrl: `${publicUrl.replace(/\/$/, "")}/incidents/${row.incidentId}`,
  };
}
