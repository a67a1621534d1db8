import type { ActivityRow, DeliveryToSend } from "@causeflow/db";
import { activityJson, rootCauseOf } from "@causeflow/domain";
import type { NotificationSubject } from "@causeflow/notify";

/** What a message about one activity entry says: the entry, its incident now, the latest investigation's findings. */
export function notificationSubject(
  entry: ActivityRow,
  { incident, investigation }: Pick<DeliveryToSend, "incident" | "investigation">,
  publicUrl: string,
): NotificationSubject {
  const activity = activityJson(entry);
  if (!entry.incidentId) return { activity, incident: null, rootCause: null, proposal: null, consoleUrl: null };
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
    consoleUrl: `${publicUrl.replace(/\/$/, "")}/incidents/${entry.incidentId}`,
  };
}
