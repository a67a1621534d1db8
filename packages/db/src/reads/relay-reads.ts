import type { Severity } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";

/** An activity entry as the relay matches it to channels: its type, and its incident's severity now. */
export interface RelayEntry {
  seq: bigint;
  type: string;
  incidentId: string | null;
  /** Null when the entry has no incident (or it is gone). */
  severity: Severity | null;
}

/**
 * The activity relay's read (issue 12): a tenant's entries after its cursor, up to `upTo`, oldest
 * first, each with its incident's current severity, in one statement that reads only what the
 * relay matches on (it was two Prisma queries, whose rows carried every entry's message and data).
 */
export function readEntriesToRelay(db: Db, tenantId: string, after: bigint, upTo: bigint, take: number): Promise<RelayEntry[]> {
  return directSql(db).$queryRaw`
    SELECT a."seq", a."type", a."incidentId", i."severity"::text AS "severity"
    FROM "Activity" a LEFT JOIN "Incident" i ON i."id" = a."incidentId"
    WHERE a."tenantId" = ${tenantId} AND a."seq" > ${after}::bigint AND a."seq" <= ${upTo}::bigint
    ORDER BY a."seq" ASC
    LIMIT ${take}::int`;
}

/** Whether a channel got a delivery of this type for this incident since `since` (the relay coalesces duplicates with it). */
export async function hasDeliverySince(
  db: Db,
  delivery: { channelId: string; incidentId: string; activityType: string },
  since: Date,
): Promise<boolean> {
  const rows = await directSql(db).$queryRaw<unknown[]>`
    SELECT 1 FROM "Delivery"
    WHERE "channelId" = ${delivery.channelId} AND "incidentId" = ${delivery.incidentId}
      AND "activityType" = ${delivery.activityType} AND "createdAt" > ${since.toISOString()}::timestamp
    LIMIT 1`;
  return rows.length > 0;
}
