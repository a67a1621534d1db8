import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { statusIs } from "./status-is";
import { columnsOf, json } from "./unnest-columns";
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
 * Completes running investigations in one statement, those of concurrent syntheses together
 * (issue 12: no interactive transaction, so the tenants' activity counters are never held across a
 * round trip, and one commit a batch): each result, the incident `investigating` →
 * `awaiting_approval` when there is a proposal, and the entries. False for an investigation that
 * is not running (completed or failed meanwhile): nothing of it is written. One outcome per
 * completion, in order.
 */
export async function completeRunningInvestigations(
  db: Pick<PrismaClient, "$queryRaw">,
  completions: readonly InvestigationCompletion[],
): Promise<boolean[]> {
  if (completions.length === 0) return [];
  const col = columnsOf(completions);
  const entries = completions.flatMap((c, i) => c.entries.map((e) => ({ ...e, of: i + 1 })));
  const entry = columnsOf(entries);
  const now = new Date().toISOString();
  const rows = await directSql(db).$queryRaw<{ completed: boolean }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col("investigationId")}::text[], ${col("tenantId")}::text[], ${col("incidentId")}::text[],
        ${col("rootCause", (r) => r?.summary ?? null)}::text[], ${col("rootCause", (r) => r?.confidence ?? null)}::float8[],
        ${col("proposal", (p) => p?.title ?? null)}::text[], ${col("proposal", (p) => (p ? json(p.steps) : null))}::text[]
      ) WITH ORDINALITY AS t(id, tenant_id, incident_id, root_cause, confidence, proposal_title, proposal_steps, ord)
    ),
    updated AS (
      UPDATE "Investigation" v
      SET "status" = 'completed', "finishedAt" = ${now}::timestamp,
          "rootCauseSummary" = input.root_cause, "rootCauseConfidence" = input.confidence,
          "remediationStatus" = CASE WHEN input.proposal_title IS NOT NULL THEN 'proposed'::"RemediationStatus" ELSE v."remediationStatus" END,
          "remediationTitle" = COALESCE(input.proposal_title, v."remediationTitle"),
          "remediationSteps" = CASE WHEN input.proposal_title IS NOT NULL
            THEN ARRAY(SELECT jsonb_array_elements_text(input.proposal_steps::jsonb)) ELSE v."remediationSteps" END,
          "proposedAt" = CASE WHEN input.proposal_title IS NOT NULL THEN ${now}::timestamp ELSE v."proposedAt" END
      FROM input
      WHERE v."id" = input.id AND v."tenantId" = input.tenant_id AND ${statusIs("v", "running")}
      RETURNING v."id"
    ),
    -- An investigation named twice in a batch is completed once, by its first completion.
    done AS (SELECT DISTINCT ON (input.id) input.* FROM input JOIN updated USING (id) ORDER BY input.id, input.ord),
    moved AS (
      UPDATE "Incident" i SET "status" = 'awaiting_approval', "updatedAt" = ${now}::timestamp
      FROM done WHERE i."id" = done.incident_id AND ${statusIs("i", "investigating")} AND done.proposal_title IS NOT NULL
      RETURNING i."id"
    ),
    entries AS (
      SELECT done.tenant_id, done.incident_id, e.type, e.message, e.data, e.n AS ord
      FROM unnest(${entry("of")}::int[], ${entry("type")}::text[], ${entry("message")}::text[], ${entry("data", json)}::text[])
        WITH ORDINALITY AS e(of, type, message, data, n)
      JOIN done ON done.ord = e.of
    ),
    ${activityCtes("entries", {
      type: Prisma.sql`n.type`,
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: "system",
      actorId: Prisma.sql`NULL`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.data::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT EXISTS (SELECT 1 FROM done WHERE done.ord = input.ord) AS completed FROM input ORDER BY input.ord`;
  return rows.map((row) => row.completed);
}
