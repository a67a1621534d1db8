import { Prisma, type Evidence, type Incident, type Investigation } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";
import { byPrefix, joinedColumns } from "./joined-row";

// The reads of triage's decision and of the synthesis as raw SQL run through `directSql` (issue
// 12: a model query costs ~0.7 ms of CPU here, most of it compiling the query), each for the
// batch or the syntheses running at once; the agents' are in agent-reads.ts. Rows keep Prisma's
// shapes; packages/db/test compares them with Prisma's own reads.

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
