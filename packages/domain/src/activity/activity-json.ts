import { TIMELINE_KIND, type Activity, type ActivityType } from "@causeflow/contracts";
import type { ActivityRow } from "@causeflow/db";

/** A stored activity row as the API, the stream and the notifier show it (contract §7). */
export function activityJson(row: ActivityRow): Activity {
  return {
    activityId: Number(row.seq),
    tenantId: row.tenantId,
    type: row.type as ActivityType,
    incidentId: row.incidentId,
    actor: { kind: row.actorKind, id: row.actorId },
    occurredAt: row.occurredAt.toISOString(),
    message: row.message,
    data: isRecord(row.data) ? row.data : {},
  };
}

/** An incident timeline entry (contract §3): the activity of one incident, with its actor. */
export function timelineJson(row: ActivityRow) {
  const activity = activityJson(row);
  return {
    activityId: activity.activityId,
    kind: TIMELINE_KIND[activity.type] ?? activity.type,
    type: activity.type,
    message: activity.message,
    actor: activity.actor,
    data: activity.data,
    createdAt: activity.occurredAt,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
