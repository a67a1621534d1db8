import type { Change, Incident, Investigation, Runbook } from "@prisma/client";
import { columnsOf, iso } from "../batch/unnest-columns";
import { directSql, type RawDb as Db } from "../direct-sql";
import { byPrefix } from "./joined-row";

// The agents' reads, each for the runs of concurrent investigations in one statement (issue 12:
// an investigation made about ten statements of its own). A read per incident with its own limit
// is one LATERAL subquery per input row, through the same indexes as alone; rows keep Prisma's
// shapes, one list per input in the inputs' order.

/**
 * Rows selected as `w.ord AS "input.ord", x.*`, grouped by input (1-based ord) into one list per
 * input; other prefixed columns are left out.
 */
function perInput<T>(rows: Record<string, unknown>[], inputs: number): T[][] {
  const lists: T[][] = Array.from({ length: inputs }, () => []);
  for (const row of rows) {
    const { "": fields, input } = byPrefix(row);
    lists[Number(input!.ord) - 1]!.push(fields as T);
  }
  return lists;
}

/** Where the correlator looks for concurrent incidents: open ones of the tenant within [from, to] of their start, other than this one. */
export interface ConcurrentWindow {
  incident: Pick<Incident, "id" | "tenantId">;
  from: Date;
  to: Date;
  take: number;
}

/**
 * Open incidents of the tenant within each window, other than its incident, earliest first:
 * through the partial index of the open incidents by time (`incident_open_by_time`), so a window
 * full of resolved incidents (a storm resolved) costs what an empty one does. The status test is
 * written as the index's predicate; the time it is ordered by is not returned (not parsed).
 */
export async function readConcurrentIncidentsOf(
  db: Db,
  windows: readonly ConcurrentWindow[],
): Promise<Pick<Incident, "id" | "title" | "service">[][]> {
  if (windows.length === 0) return [];
  const col = columnsOf(windows);
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT w.ord AS "input.ord", x."id", x."title", x."service"
    FROM unnest(${col("incident", (i) => i.id)}::text[], ${col("incident", (i) => i.tenantId)}::text[],
                ${col("from", iso)}::timestamp[], ${col("to", iso)}::timestamp[], ${col("take")}::int[])
      WITH ORDINALITY AS w(id, tenant_id, from_at, to_at, take, ord)
    CROSS JOIN LATERAL (
      SELECT "id", "title", "service", "occurredAt" FROM "Incident"
      WHERE "tenantId" = w.tenant_id AND "id" <> w.id AND "status" NOT IN ('resolved', 'closed')
        AND "occurredAt" >= w.from_at AND "occurredAt" <= w.to_at
      ORDER BY "occurredAt" ASC LIMIT w.take
    ) x
    ORDER BY w.ord, x."occurredAt" ASC`;
  return perInput(rows, windows.length);
}

/**
 * Resolved or closed incidents of the tenant with each incident's key or title, latest first, at
 * most `take` each: each through its own partial index of the resolved and closed incidents
 * (`incident_past_by_key`, `incident_past_by_title` on md5 of the title), latest first, so a read
 * stops at `take` however often the key or title recurred; then merged. One OR over both scanned
 * the tenant's incidents (~250 pages a read in the bench), and the key's index and the title's
 * hash index gave every incident of that key or title, of any status: in a storm of one alert
 * name, 7 ms a read with 30,000 of them. The status test is written as the indexes' predicate.
 */
export async function readPastIncidentsOf(
  db: Db,
  incidents: readonly Pick<Incident, "id" | "tenantId" | "source" | "sourceAlertId" | "title">[],
  take: number,
): Promise<Pick<Incident, "id" | "status" | "createdAt" | "firstSeenAt" | "resolvedAt">[][]> {
  if (incidents.length === 0) return [];
  const col = columnsOf(incidents);
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT w.ord AS "input.ord", x.*
    FROM unnest(${col("id")}::text[], ${col("tenantId")}::text[], ${col("source")}::text[], ${col("sourceAlertId")}::text[],
                ${col("title")}::text[]) WITH ORDINALITY AS w(id, tenant_id, source, source_alert_id, title, ord)
    CROSS JOIN LATERAL (
      SELECT * FROM (
        (SELECT "id", "status", "createdAt", "firstSeenAt", "resolvedAt" FROM "Incident"
         WHERE "tenantId" = w.tenant_id AND "source" = w.source AND "sourceAlertId" = w.source_alert_id
           AND "id" <> w.id AND "status" IN ('resolved', 'closed')
         ORDER BY "createdAt" DESC LIMIT ${take}::int)
        UNION
        -- The title itself compared as an expression, which the title's hash index cannot answer:
        -- for a title its statistics do not know yet (a storm's), the planner would take that index.
        (SELECT "id", "status", "createdAt", "firstSeenAt", "resolvedAt" FROM "Incident"
         WHERE "tenantId" = w.tenant_id AND md5("title") = md5(w.title) AND "title" || '' = w.title
           AND "id" <> w.id AND "status" IN ('resolved', 'closed')
         ORDER BY "createdAt" DESC LIMIT ${take}::int)
      ) past
      ORDER BY "createdAt" DESC LIMIT ${take}::int
    ) x
    ORDER BY w.ord, x."createdAt" DESC`;
  return perInput(rows, incidents.length);
}

/** How many of a title's latest resolved or closed incidents the past-fix read looks through. */
export const PAST_FIX_INCIDENTS = 100;

/**
 * The approved fixes of each incident's title: the investigations whose remediation was approved,
 * of the tenant's resolved or closed incidents with that title (fixed, then), latest approval
 * first, at most `take` each. It looks through the title's latest PAST_FIX_INCIDENTS resolved or
 * closed incidents, through their partial index (`incident_past_by_title`), so a title that
 * recurred in a storm costs what a rare one does. It read the latest 20 incidents of the title,
 * open ones too, through a hash index of every title: in a storm of one alert name every read
 * sorted every incident of it, and its latest 20, all open, hid the fix approved before it.
 */
export async function readPastFixesOf(
  db: Db,
  incidents: readonly Pick<Incident, "id" | "tenantId" | "title">[],
  take: number,
): Promise<Investigation[][]> {
  if (incidents.length === 0) return [];
  const col = columnsOf(incidents);
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT w.ord AS "input.ord", x.*
    FROM unnest(${col("id")}::text[], ${col("tenantId")}::text[], ${col("title")}::text[]) WITH ORDINALITY AS w(id, tenant_id, title, ord)
    CROSS JOIN LATERAL (
      SELECT v.* FROM (
        SELECT "id" FROM "Incident"
        WHERE "tenantId" = w.tenant_id AND md5("title") = md5(w.title) AND "title" = w.title
          AND "id" <> w.id AND "status" IN ('resolved', 'closed')
        ORDER BY "createdAt" DESC LIMIT ${PAST_FIX_INCIDENTS}::int
      ) past
      JOIN "Investigation" v ON v."incidentId" = past."id"
      WHERE v."remediationStatus" = 'approved'
      ORDER BY v."decidedAt" DESC NULLS LAST LIMIT ${take}::int
    ) x
    ORDER BY w.ord, x."decidedAt" DESC NULLS LAST`;
  return perInput(rows, incidents.length);
}

/** Where an agent looks for changes: a service (and environment, when given) within [from, to]. */
export interface ChangeWindow {
  tenantId: string;
  service: string;
  environment: string | null;
  from: Date;
  to: Date;
}

/**
 * The changes in each window, latest first, for many windows in one statement (the agents of
 * concurrent investigations share it; issue 12). One list per window, in the windows' order.
 */
export async function readChangesOf(db: Db, windows: readonly ChangeWindow[]): Promise<Change[][]> {
  if (windows.length === 0) return [];
  const col = columnsOf(windows);
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT w.ord AS "input.ord", c.*
    FROM unnest(${col("tenantId")}::text[], ${col("service")}::text[], ${col("environment")}::text[],
                ${col("from", iso)}::timestamp[], ${col("to", iso)}::timestamp[])
      WITH ORDINALITY AS w(tenant_id, service, environment, from_at, to_at, ord)
    JOIN "Change" c ON c."tenantId" = w.tenant_id AND c."service" = w.service
      AND (w.environment IS NULL OR c."environment" = w.environment)
      AND c."occurredAt" >= w.from_at AND c."occurredAt" <= w.to_at
    ORDER BY w.ord, c."occurredAt" DESC`;
  return perInput<Change>(rows, windows.length);
}

/** The runbooks of each tenant, oldest first, for many tenants in one statement (the agents running at once); one list per id, in order. */
export async function readRunbooksOf(db: Db, tenantIds: readonly string[]): Promise<Runbook[][]> {
  if (tenantIds.length === 0) return [];
  const rows = await directSql(db).$queryRaw<Runbook[]>`
    SELECT * FROM "Runbook" WHERE "tenantId" = ANY(${[...new Set(tenantIds)]}::text[]) ORDER BY "createdAt" ASC, "id" ASC`;
  return tenantIds.map((id) => rows.filter((runbook) => runbook.tenantId === id));
}
