import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { columnsOf, json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** One evidence record of an agent run; its id is deterministic (<investigationId>-<agent>-<n>). */
export interface EvidenceRow {
  id: string;
  investigationId: string;
  agent: string;
  kind: string;
  summary: string;
  details: unknown;
  confidence: number;
}

/** One finished agent run: its `agent.finished` entry, recorded with its evidence. */
export interface AgentRunRow {
  tenantId: string;
  incidentId: string;
  investigationId: string;
  agent: string;
  evidenceCount: number;
  message: string;
  activityData: unknown;
}

/**
 * Records the evidence of many agent runs and their `agent.finished` entries in one statement,
 * once: evidence that exists already (a retried run) is skipped, and so is the entry of a run
 * whose evidence all existed. Returns the runs recorded now, as `<investigationId>/<agent>`.
 */
export async function insertAgentEvidence(
  db: Pick<PrismaClient, "$queryRaw">,
  evidence: readonly EvidenceRow[],
  runs: readonly AgentRunRow[],
): Promise<Set<string>> {
  if (runs.length === 0) return new Set();
  const ev = columnsOf(evidence);
  const run = columnsOf(runs);
  const now = new Date().toISOString();
  const recorded = await directSql(db).$queryRaw<{ run: string }[]>`
    WITH inserted AS (
      INSERT INTO "Evidence" ("id", "investigationId", "agent", "kind", "summary", "details", "confidence", "createdAt")
      SELECT id, investigation_id, agent, kind, summary, details::jsonb, confidence, ${now}::timestamp
      FROM unnest(${ev("id")}::text[], ${ev("investigationId")}::text[], ${ev("agent")}::text[], ${ev("kind")}::text[],
                  ${ev("summary")}::text[], ${ev("details", json)}::text[], ${ev("confidence")}::float8[])
           AS t(id, investigation_id, agent, kind, summary, details, confidence)
      ORDER BY id
      ON CONFLICT ("id") DO NOTHING
      RETURNING "investigationId", "agent"
    ),
    runs AS (
      SELECT * FROM unnest(${run("tenantId")}::text[], ${run("incidentId")}::text[], ${run("investigationId")}::text[],
                           ${run("agent")}::text[], ${run("evidenceCount")}::int[], ${run("message")}::text[],
                           ${run("activityData", json)}::text[])
           WITH ORDINALITY AS t(tenant_id, incident_id, investigation_id, agent, evidence_count, message, activity_data, ord)
    ),
    recorded AS (
      SELECT runs.* FROM runs
      WHERE runs.evidence_count = 0
         OR EXISTS (SELECT 1 FROM inserted i WHERE i."investigationId" = runs.investigation_id AND i."agent" = runs.agent)
    ),
    ${activityCtes("recorded", {
      type: "agent.finished",
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: "system",
      actorId: Prisma.sql`NULL`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.activity_data::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT investigation_id || '/' || agent AS run FROM recorded`;
  return new Set(recorded.map((r) => r.run));
}
