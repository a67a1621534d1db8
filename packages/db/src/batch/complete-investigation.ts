import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** A running investigation's result, and the entries that say so (investigation.completed, remediation.proposed). */
export interface InvestigationCompletion {
  investigationId: string;
  tenantId: string;
  incidentId: string;
  rootCause: { summary: string; confidence: number } | null;
  proposal: { title: string; steps: readonly string[] } | null;
  entries: readonly { type: string; message: string; data: unknown }[];
}

/**
 * Completes a running investigation in one statement (issue 12: no interactive transaction, so
 * the tenant's activity counter is never held across a round trip): its result, the incident
 * `investigating` → `awaiting_approval` when there is a proposal, and its entries. False, and
 * nothing written, when the investigation is not running (completed or failed meanwhile).
 */
export async function completeRunningInvestigation(
  db: Pick<PrismaClient, "$queryRaw">,
  completion: InvestigationCompletion,
): Promise<boolean> {
  const { investigationId, tenantId, incidentId, rootCause, proposal, entries } = completion;
  const now = new Date().toISOString();
  const proposed = proposal !== null;
  const rows = await directSql(db).$queryRaw<{ completed: number }[]>`
    WITH updated AS (
      UPDATE "Investigation"
      SET "status" = 'completed', "finishedAt" = ${now}::timestamp,
          "rootCauseSummary" = ${rootCause?.summary ?? null}::text,
          "rootCauseConfidence" = ${rootCause?.confidence ?? null}::float8,
          "remediationStatus" = CASE WHEN ${proposed} THEN 'proposed'::"RemediationStatus" ELSE "remediationStatus" END,
          "remediationTitle" = CASE WHEN ${proposed} THEN ${proposal?.title ?? null}::text ELSE "remediationTitle" END,
          "remediationSteps" = CASE WHEN ${proposed} THEN ${[...(proposal?.steps ?? [])]}::text[] ELSE "remediationSteps" END,
          "proposedAt" = CASE WHEN ${proposed} THEN ${now}::timestamp ELSE "proposedAt" END
      WHERE "id" = ${investigationId} AND "tenantId" = ${tenantId} AND "status" = 'running'
      RETURNING "id"
    ),
    moved AS (
      UPDATE "Incident" SET "status" = 'awaiting_approval', "updatedAt" = ${now}::timestamp
      WHERE "id" = ${incidentId} AND "status" = 'investigating' AND ${proposed} AND EXISTS (SELECT 1 FROM updated)
      RETURNING "id"
    ),
    entries AS (
      SELECT ${tenantId}::text AS tenant_id, t.*
      FROM unnest(${entries.map((e) => e.type)}::text[], ${entries.map((e) => e.message)}::text[],
                  ${entries.map((e) => json(e.data))}::text[]) WITH ORDINALITY AS t(type, message, data, ord)
      WHERE EXISTS (SELECT 1 FROM updated)
    ),
    ${activityCtes("entries", {
      type: Prisma.sql`n.type`,
      incidentId: Prisma.sql`${incidentId}::text`,
      actorKind: "system",
      actorId: Prisma.sql`NULL`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.data::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT (SELECT count(*) FROM updated)::int AS completed, (SELECT count(*) FROM moved)::int AS moved`;
  return rows[0]!.completed > 0;
}
