import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { alertRowsInput, type AlertRow, type AppliedAlertRow, insertAlertRecords } from "./alert-rows";
import { directSql } from "../direct-sql";

export interface CountedDuplicate extends AppliedAlertRow {
  duplicateCount: number;
}

/**
 * Counts many duplicates in one statement, aggregated per key: each open incident is locked (in
 * id order, so concurrent batches never deadlock) and updated once per batch however many of its
 * duplicates the batch holds, so a storm of one key is not a queue on its row lock. Each alert
 * still gets its record and its `incident.duplicate` entry with its own running count. Rows whose
 * key has no open incident are not returned: the caller applies them one by one.
 */
export async function countDuplicates(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly AlertRow[],
): Promise<CountedDuplicate[]> {
  if (rows.length === 0) return [];
  const now = new Date().toISOString();
  return directSql(db).$queryRaw<CountedDuplicate[]>`
    WITH ${alertRowsInput(rows)},
    keyed AS (
      SELECT tenant_id, source, source_alert_id, count(*) AS n, max(received_at::timestamp) AS last_seen
      FROM input GROUP BY tenant_id, source, source_alert_id
    ),
    locked AS (
      SELECT i."id", k.n, k.last_seen FROM "Incident" i
      JOIN keyed k ON i."tenantId" = k.tenant_id AND i."source" = k.source AND i."sourceAlertId" = k.source_alert_id
      WHERE i."status" NOT IN ('resolved', 'closed')
      ORDER BY i."id" FOR UPDATE OF i
    ),
    updated AS (
      UPDATE "Incident" i
      SET "duplicateCount" = i."duplicateCount" + l.n, "lastSeenAt" = GREATEST(i."lastSeenAt", l.last_seen), "updatedAt" = ${now}::timestamp
      FROM locked l
      WHERE i."id" = l."id" AND i."status" NOT IN ('resolved', 'closed')
      RETURNING i."id", i."tenantId", i."source", i."sourceAlertId", i."title", i."severity", i."status", i."duplicateCount", l.n
    ),
    matched AS (
      SELECT input.*, u."id" AS incident_id, u."title", u."severity", u."status",
             u."duplicateCount" - u.n + row_number() OVER (PARTITION BY u."id" ORDER BY input.ord) AS duplicate_count
      FROM input JOIN updated u
        ON u."tenantId" = input.tenant_id AND u."source" = input.source AND u."sourceAlertId" = input.source_alert_id
    ),
    alerts AS (
      ${insertAlertRecords({ from: Prisma.sql`matched`, incidentId: Prisma.sql`incident_id`, status: "firing", outcome: "duplicate", at: now })}
    ),
    ${activityCtes("matched", {
      type: "incident.duplicate",
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: "provider",
      actorId: Prisma.sql`n.source`,
      message: Prisma.sql`'Duplicate alert received'`,
      data: Prisma.sql`jsonb_build_object('eventId', n.event_id, 'duplicateCount', n.duplicate_count)`,
      occurredAt: Prisma.sql`n.received_at::timestamp`,
    })}
    SELECT record_id AS "recordId", incident_id AS "incidentId", "title", "severity"::text AS "severity",
           "status"::text AS "status", duplicate_count::int AS "duplicateCount"
    FROM matched`;
}
