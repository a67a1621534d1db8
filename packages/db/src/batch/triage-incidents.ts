import { Prisma, type Incident, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { columnsOf, json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** One triage decision to record: the classified severity, the agents assigned, its `incident.triaged` entry. */
export interface TriageRow {
  id: string;
  tenantId: string;
  severity: string;
  agents: readonly string[];
  message: string;
  activityData: unknown;
}

/**
 * Records many triage decisions in one statement: each incident still `open` moves to `triaging`
 * with its severity and agents (locked in id order, so concurrent batches never deadlock) and gets
 * its `incident.triaged` entry. Returns the incidents moved; one that moved meanwhile is left out.
 */
export async function triageOpenIncidents(db: Pick<PrismaClient, "$queryRaw">, rows: readonly TriageRow[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const col = columnsOf(rows);
  const now = new Date().toISOString();
  return directSql(db).$queryRaw<Incident[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col("id")}::text[], ${col("tenantId")}::text[], ${col("severity")}::text[], ${col("agents", json)}::text[],
        ${col("message")}::text[], ${col("activityData", json)}::text[]
      ) WITH ORDINALITY AS t(id, tenant_id, severity, agents, message, activity_data, ord)
    ),
    -- Locked by id alone, with the status each has once locked (its latest). A status filter on
    -- "Incident", here or in the update, lets the planner walk the open-status index, whose
    -- statistics are stale in a storm: every open incident read for each batch (auto_explain).
    -- One that is no longer open stays locked until the commit, and the update leaves it out.
    locked AS (
      SELECT i."id", i."status", input.severity, input.agents
      FROM "Incident" i JOIN input ON i."id" = input.id AND i."tenantId" = input.tenant_id
      ORDER BY i."id" FOR UPDATE OF i
    ),
    -- The update joins the locked rows alone, by id: joined to "input" too, the planner (which
    -- takes each CTE for one row) could compare every row with every other (seen for a batch of
    -- 100: 9,900 comparisons, half the statement's time).
    updated AS (
      UPDATE "Incident" i
      SET "status" = 'triaging', "severity" = l.severity::"Severity",
          "assignedAgents" = ARRAY(SELECT jsonb_array_elements_text(l.agents::jsonb)), "updatedAt" = ${now}::timestamp
      FROM locked l
      WHERE i."id" = l.id AND l."status" = 'open'
      RETURNING i.*
    ),
    moved AS (SELECT input.* FROM input JOIN updated u ON u."id" = input.id),
    ${activityCtes("moved", {
      type: "incident.triaged",
      incidentId: Prisma.sql`n.id`,
      actorKind: "system",
      actorId: Prisma.sql`NULL`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.activity_data::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT * FROM updated`;
}
