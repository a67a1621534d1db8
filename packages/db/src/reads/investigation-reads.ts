import { TERMINAL_STATUSES } from "@causeflow/contracts";
import { Prisma, type Change, type Evidence, type Incident, type Investigation, type Runbook } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";
import { byPrefix, joinedColumns } from "./joined-row";
import { columnsOf, iso } from "../batch/unnest-columns";

/**
 * The reads of an investigation (triage's decision, the agents, the synthesis) as raw SQL run
 * through `directSql` (issue 12): a model query costs ~0.7 ms of CPU here, most of it compiling
 * the query, and an investigation makes about ten. Rows keep Prisma's shapes, and the triage
 * tests run every one of them against the migrated schema, so they cannot drift from schema.prisma.
 */
/** Open incidents of the tenant within [from, to] of their start, other than this one, earliest first. */
export function readConcurrentIncidents(
  db: Db,
  incident: Pick<Incident, "id" | "tenantId">,
  from: Date,
  to: Date,
  take: number,
): Promise<Pick<Incident, "id" | "title" | "service">[]> {
  return directSql(db).$queryRaw`
    SELECT "id", "title", "service" FROM "Incident"
    WHERE "tenantId" = ${incident.tenantId} AND "id" <> ${incident.id}
      AND "status"::text <> ALL(${TERMINAL_STATUSES}::text[])
      AND "occurredAt" >= ${from.toISOString()}::timestamp AND "occurredAt" <= ${to.toISOString()}::timestamp
    ORDER BY "occurredAt" ASC LIMIT ${take}::int`;
}

/**
 * Resolved or closed incidents of the tenant with this key or this title, latest first: each
 * through its own index (the key's, the title's hash), then merged. One OR over both scanned the
 * tenant's incidents (~250 pages a read in the bench).
 */
export function readPastIncidents(
  db: Db,
  incident: Pick<Incident, "id" | "tenantId" | "source" | "sourceAlertId" | "title">,
  take: number,
): Promise<Pick<Incident, "id" | "status" | "createdAt" | "firstSeenAt" | "resolvedAt">[]> {
  return directSql(db).$queryRaw`
    SELECT * FROM (
      (SELECT "id", "status", "createdAt", "firstSeenAt", "resolvedAt" FROM "Incident"
       WHERE "tenantId" = ${incident.tenantId} AND "source" = ${incident.source} AND "sourceAlertId" = ${incident.sourceAlertId}
         AND "id" <> ${incident.id} AND "status"::text = ANY(${TERMINAL_STATUSES}::text[])
       ORDER BY "createdAt" DESC LIMIT ${take}::int)
      UNION
      (SELECT "id", "status", "createdAt", "firstSeenAt", "resolvedAt" FROM "Incident"
       WHERE "tenantId" = ${incident.tenantId} AND "title" = ${incident.title}
         AND "id" <> ${incident.id} AND "status"::text = ANY(${TERMINAL_STATUSES}::text[])
       ORDER BY "createdAt" DESC LIMIT ${take}::int)
    ) past
    ORDER BY "createdAt" DESC LIMIT ${take}::int`;
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
    SELECT w.ord AS "window.ord", c.*
    FROM unnest(${col("tenantId")}::text[], ${col("service")}::text[], ${col("environment")}::text[],
                ${col("from", iso)}::timestamp[], ${col("to", iso)}::timestamp[])
      WITH ORDINALITY AS w(tenant_id, service, environment, from_at, to_at, ord)
    JOIN "Change" c ON c."tenantId" = w.tenant_id AND c."service" = w.service
      AND (w.environment IS NULL OR c."environment" = w.environment)
      AND c."occurredAt" >= w.from_at AND c."occurredAt" <= w.to_at
    ORDER BY w.ord, c."occurredAt" DESC`;
  const lists: Change[][] = windows.map(() => []);
  for (const row of rows) {
    const { "": change, window } = byPrefix(row);
    lists[Number(window!.ord) - 1]!.push(change as Change);
  }
  return lists;
}

/**
 * The latest investigations of the tenant's latest other incidents with this title: the incidents
 * through the title's hash index, then their investigations through theirs, in one statement.
 */
export function readPastInvestigations(
  db: Db,
  incident: Pick<Incident, "id" | "tenantId" | "title">,
  take: number,
): Promise<Investigation[]> {
  return directSql(db).$queryRaw`
    SELECT v.* FROM "Investigation" v
    WHERE v."incidentId" IN (
      SELECT "id" FROM "Incident"
      WHERE "tenantId" = ${incident.tenantId} AND "title" = ${incident.title} AND "id" <> ${incident.id}
      ORDER BY "createdAt" DESC LIMIT ${take}::int
    )
    ORDER BY v."startedAt" DESC LIMIT ${take}::int`;
}

/** The runbooks of each tenant, oldest first, for many tenants in one statement (the agents running at once); one list per id, in order. */
export async function readRunbooksOf(db: Db, tenantIds: readonly string[]): Promise<Runbook[][]> {
  if (tenantIds.length === 0) return [];
  const rows = await directSql(db).$queryRaw<Runbook[]>`
    SELECT * FROM "Runbook" WHERE "tenantId" = ANY(${[...new Set(tenantIds)]}::text[]) ORDER BY "createdAt" ASC, "id" ASC`;
  return tenantIds.map((id) => rows.filter((runbook) => runbook.tenantId === id));
}

/**
 * How many investigations of each incident are running or done (failed ones do not count), for
 * many incidents in one statement (a triage batch's); one count per incident, in order.
 */
export async function countLiveInvestigationsOf(db: Db, incidentIds: readonly string[]): Promise<number[]> {
  if (incidentIds.length === 0) return [];
  const rows = await directSql(db).$queryRaw<{ incidentId: string; n: number }[]>`
    SELECT "incidentId", count(*)::int AS "n" FROM "Investigation"
    WHERE "incidentId" = ANY(${[...new Set(incidentIds)]}::text[]) AND "status" <> 'failed'
    GROUP BY "incidentId"`;
  const counts = new Map(rows.map((row) => [row.incidentId, row.n]));
  return incidentIds.map((id) => counts.get(id) ?? 0);
}

/** Open incidents of the tenant on this service created since `since`. */
export async function countOpenIncidentsOfService(
  db: Db,
  where: { tenantId: string; service: string | null; since: Date },
): Promise<number> {
  const [row] = await directSql(db).$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "Incident"
    WHERE "tenantId" = ${where.tenantId} AND "service" IS NOT DISTINCT FROM ${where.service}
      AND "status"::text <> ALL(${TERMINAL_STATUSES}::text[]) AND "createdAt" >= ${where.since.toISOString()}::timestamp`;
  return row?.n ?? 0;
}

const INCIDENT_FIELDS = Object.values(Prisma.IncidentScalarFieldEnum);
const EVIDENCE_FIELDS = Object.values(Prisma.EvidenceScalarFieldEnum);

/** An investigation with its evidence (oldest first) and its incident, as the synthesis reads it. */
export type InvestigationWithEvidence = Investigation & { evidence: Evidence[]; incident: Incident };

/**
 * Investigations with their evidence and incidents, as the syntheses running at once read them,
 * in one statement (a row per piece of evidence; issue 12: it was three per synthesis). One per id
 * in order, null for an id with no investigation.
 */
export async function readInvestigationsWithEvidence(
  db: Db,
  investigationIds: readonly string[],
): Promise<(InvestigationWithEvidence | null)[]> {
  if (investigationIds.length === 0) return [];
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT v.*, ${joinedColumns("i", "incident", INCIDENT_FIELDS)}, ${joinedColumns("e", "evidence", EVIDENCE_FIELDS)}
    FROM "Investigation" v
    JOIN "Incident" i ON i."id" = v."incidentId"
    LEFT JOIN "Evidence" e ON e."investigationId" = v."id"
    WHERE v."id" = ANY(${[...new Set(investigationIds)]}::text[])
    ORDER BY v."id", e."createdAt" ASC, e."id" ASC`;
  const byId = new Map<string, InvestigationWithEvidence>();
  for (const row of rows) {
    const { "": investigation, incident, evidence } = byPrefix(row);
    const id = investigation!.id as string;
    let read = byId.get(id);
    if (!read) {
      read = { ...(investigation as Investigation), evidence: [], incident: incident as Incident };
      byId.set(id, read);
    }
    if (evidence!.id !== null) read.evidence.push(evidence as Evidence);
  }
  return investigationIds.map((id) => byId.get(id) ?? null);
}
