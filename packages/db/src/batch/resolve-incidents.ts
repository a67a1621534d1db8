import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { alertRowsInput, FIRST_OF_EACH_KEY, type AlertRow, type AppliedAlertRow, insertAlertRecords } from "./alert-rows";
import { directSql } from "../direct-sql";

/** What a batch of resolved alerts did: the incidents they resolved, and the alerts they left ignored or held. */
export interface ResolvedAlerts {
  resolved: AppliedAlertRow[];
  /** Record ids of the alerts that found nothing open (outcome `ignored`). */
  ignored: string[];
  /** Record ids of the alerts asked to be held that found nothing open: nothing recorded, to be applied again. */
  held: string[];
}

/**
 * Applies many resolved alerts in one statement, as resolveFromSource does one by one: the first
 * resolved alert of each key in the batch resolves its open incident (locked in id order, so
 * concurrent batches never deadlock), which gets the alert's record and its `incident.resolved`
 * entry (actor the provider). The others (a key with nothing open, a later alert of a key the
 * batch resolves) are recorded as ignored, except those `hold` names whose key has nothing open:
 * they are left unrecorded (`held`), so the caller can apply them again once the incident a firing
 * alert is opening has committed.
 */
export async function resolveOpenIncidents(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly AlertRow[],
  hold: ReadonlySet<string> = new Set(),
): Promise<ResolvedAlerts> {
  if (rows.length === 0) return { resolved: [], ignored: [], held: [] };
  const now = new Date().toISOString();
  const applied = await directSql(db).$queryRaw<(AppliedAlertRow | { recordId: string; incidentId: null })[]>`
    WITH ${alertRowsInput(rows)},
    ${FIRST_OF_EACH_KEY},
    locked AS (
      SELECT i."id", i."status"::text AS from_status, f.* FROM "Incident" i
      JOIN first f ON i."tenantId" = f.tenant_id AND i."source" = f.source AND i."sourceAlertId" = f.source_alert_id
      WHERE i."status" NOT IN ('resolved', 'closed')
      ORDER BY i."id" FOR UPDATE OF i
    ),
    updated AS (
      UPDATE "Incident" i
      SET "status" = 'resolved', "resolvedAt" = l.received_at::timestamp, "resolvedByKind" = 'provider',
          "lastSeenAt" = l.received_at::timestamp, "updatedAt" = ${now}::timestamp
      FROM locked l
      WHERE i."id" = l."id" AND i."status" NOT IN ('resolved', 'closed')
      RETURNING i."id" AS incident_id, i."title", i."severity"::text AS "severity", l.*
    ),
    alerts AS (
      ${insertAlertRecords({ from: Prisma.sql`updated`, incidentId: Prisma.sql`incident_id`, status: "resolved", outcome: "resolved", at: now })}
    ),
    ignored AS (
      ${insertAlertRecords({
        from: Prisma.sql`input WHERE record_id NOT IN (SELECT record_id FROM updated)
          AND (record_id <> ALL(${[...hold]}::text[]) OR EXISTS (
            SELECT 1 FROM updated u
            WHERE u.tenant_id = input.tenant_id AND u.source = input.source AND u.source_alert_id = input.source_alert_id))`,
        incidentId: Prisma.sql`NULL`,
        status: "resolved",
        outcome: "ignored",
        at: now,
      })}
      RETURNING "id"
    ),
    ${activityCtes("updated", {
      type: "incident.resolved",
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: "provider",
      actorId: Prisma.sql`n.source`,
      message: Prisma.sql`'Resolved by ' || n.source`,
      data: Prisma.sql`jsonb_build_object('from', n.from_status, 'to', 'resolved', 'eventId', n.event_id)`,
      occurredAt: Prisma.sql`n.received_at::timestamp`,
    })}
    SELECT record_id AS "recordId", incident_id AS "incidentId", "title", "severity", 'resolved' AS "status" FROM updated
    UNION ALL
    SELECT "id", NULL, NULL, NULL, NULL FROM ignored`;
  const resolved = applied.filter((row): row is AppliedAlertRow => row.incidentId !== null);
  const ignored = applied.flatMap((row) => (row.incidentId === null ? [row.recordId] : []));
  const recorded = new Set([...resolved.map((row) => row.recordId), ...ignored]);
  return { resolved, ignored, held: rows.flatMap((row) => (recorded.has(row.recordId) ? [] : [row.recordId])) };
}
