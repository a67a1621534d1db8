import type { Incident, PrismaClient } from "@prisma/client";
import { columnsOf, json } from "./unnest-columns";

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
  return db.$queryRaw<Incident[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col("id")}::text[], ${col("tenantId")}::text[], ${col("severity")}::text[], ${col("agents", json)}::text[],
        ${col("message")}::text[], ${col("activityData", json)}::text[]
      ) WITH ORDINALITY AS t(id, tenant_id, severity, agents, message, activity_data, ord)
    ),
    locked AS (
      SELECT i."id" FROM "Incident" i JOIN input ON i."id" = input.id AND i."tenantId" = input.tenant_id
      WHERE i."status" = 'open' ORDER BY i."id" FOR UPDATE OF i
    ),
    updated AS (
      UPDATE "Incident" i
      SET "status" = 'triaging', "severity" = input.severity::"Severity",
          "assignedAgents" = ARRAY(SELECT jsonb_array_elements_text(input.agents::jsonb)), "updatedAt" = ${now}::timestamp
      FROM input JOIN locked USING (id)
      WHERE i."id" = input.id AND i."status" = 'open'
      RETURNING i.*
    ),
    moved AS (SELECT input.* FROM input JOIN updated u ON u."id" = input.id),
    counter AS (
      INSERT INTO "ActivityCounter" ("tenantId", "last")
      SELECT tenant_id, count(*) FROM moved GROUP BY tenant_id ORDER BY tenant_id
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "ActivityCounter"."last" + EXCLUDED."last"
      RETURNING "tenantId", "last"
    ),
    numbered AS (
      SELECT m.*, row_number() OVER (PARTITION BY tenant_id ORDER BY ord) AS rn, count(*) OVER (PARTITION BY tenant_id) AS total
      FROM moved m
    ),
    activity AS (
      INSERT INTO "Activity" ("tenantId", "seq", "type", "incidentId", "actorKind", "actorId", "message", "data", "occurredAt")
      SELECT n.tenant_id, c."last" - n.total + n.rn, 'incident.triaged', n.id, 'system', NULL, n.message,
             n.activity_data::jsonb, ${now}::timestamp
      FROM numbered n JOIN counter c ON c."tenantId" = n.tenant_id
    )
    SELECT * FROM updated`;
}
