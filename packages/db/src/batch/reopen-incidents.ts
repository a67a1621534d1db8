import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { alertRowsInput, FIRST_OF_EACH_KEY, type AlertRow, type AppliedAlertRow, insertAlertRecords } from "./alert-rows";
import { statusIs } from "./status-is";
import { directSql } from "../direct-sql";

/**
 * Reopens many flapping incidents in one statement, as reopenIncident does one by one (contract
 * §9): the first firing alert of a key in the batch reopens the key's latest incident when its
 * source resolved it within the tenant's `reopenWindowSeconds` (`open`, `reopenCount` + 1, the
 * alert's record, `incident.reopened`). Incidents are locked in id order; a key that has an open
 * incident meanwhile is left alone. Rows not returned go the one-by-one way.
 */
export async function reopenResolvedIncidents(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly AlertRow[],
): Promise<AppliedAlertRow[]> {
  if (rows.length === 0) return [];
  const now = new Date().toISOString();
  return directSql(db).$queryRaw<AppliedAlertRow[]>`
    WITH ${alertRowsInput(rows)},
    ${FIRST_OF_EACH_KEY},
    latest AS (
      SELECT f.*, l."id" AS incident_id, l."resolvedAt" AS resolved_at
      FROM first f
      JOIN "TenantSettings" s ON s."tenantId" = f.tenant_id AND s."reopenWindowSeconds" > 0
      CROSS JOIN LATERAL (
        SELECT "id", "status", "resolvedByKind", "resolvedAt" FROM "Incident"
        WHERE "tenantId" = f.tenant_id AND "source" = f.source AND "sourceAlertId" = f.source_alert_id
        ORDER BY "createdAt" DESC LIMIT 1
      ) l
      WHERE l."status" = 'resolved' AND l."resolvedByKind" = 'provider'
        AND f.received_at::timestamp - l."resolvedAt" <= make_interval(secs => s."reopenWindowSeconds")
    ),
    locked AS (
      SELECT i."id", l.* FROM "Incident" i JOIN latest l ON i."id" = l.incident_id
      WHERE ${statusIs("i", "resolved")} AND NOT EXISTS (
        SELECT 1 FROM "Incident" o
        WHERE o."tenantId" = l.tenant_id AND o."source" = l.source AND o."sourceAlertId" = l.source_alert_id
          AND o."status" NOT IN ('resolved', 'closed')
      )
      ORDER BY i."id" FOR UPDATE OF i
    ),
    updated AS (
      UPDATE "Incident" i
      SET "status" = 'open', "reopenCount" = i."reopenCount" + 1, "resolvedAt" = NULL, "resolvedByKind" = NULL,
          "lastSeenAt" = l.received_at::timestamp, "updatedAt" = ${now}::timestamp
      FROM locked l
      WHERE i."id" = l."id" AND ${statusIs("i", "resolved")}
      RETURNING i."title", i."severity"::text AS "severity", i."reopenCount" AS reopen_count, l.*
    ),
    alerts AS (
      ${insertAlertRecords({ from: Prisma.sql`updated`, incidentId: Prisma.sql`incident_id`, status: "firing", outcome: "reopened", at: now })}
    ),
    ${activityCtes("updated", {
      type: "incident.reopened",
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: "provider",
      actorId: Prisma.sql`n.source`,
      // As reopenIncident words it: whole seconds rounded as Math.round does.
      message: Prisma.sql`'Reopened: the alert fired again '
        || floor(extract(epoch FROM n.received_at::timestamp - n.resolved_at) + 0.5)::bigint
        || ' s after ' || n.source || ' resolved it'`,
      data: Prisma.sql`jsonb_build_object('from', 'resolved', 'to', 'open', 'eventId', n.event_id, 'reopenCount', n.reopen_count)`,
      occurredAt: Prisma.sql`n.received_at::timestamp`,
    })}
    SELECT record_id AS "recordId", incident_id AS "incidentId", "title", "severity", 'open' AS "status" FROM updated`;
}
