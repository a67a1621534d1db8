import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { columnsOf, json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** An investigation to start, the incident's move, and its `investigation.started` entry. */
export interface InvestigationStart {
  investigationId: string;
  incidentId: string;
  tenantId: string;
  /** The incident's status as read; the statement moves it only from there. */
  from: string;
  to: string;
  trigger: string;
  agents: readonly string[];
  actor: { kind: "provider" | "key" | "operator" | "system"; id: string | null };
  message: string;
  activityData: unknown;
}

/** started; `moved`: the incident is no longer in the status read; `running`: it has a running investigation. */
export type InvestigationStartOutcome = "started" | "moved" | "running";

/**
 * Starts investigations in one statement, those of concurrent triage jobs together (issue 12: no
 * interactive transaction, so the tenants' activity counters are held only while it runs, once a
 * batch): each incident row is locked if it is still in the status read (in id order, so
 * concurrent batches never deadlock), the running Investigation row inserted (at most one per
 * incident: the partial unique index `investigation_running`), the incident moved with its agents
 * assigned, and the entry written. Nothing of a start is written unless all of it is. One outcome
 * per start, in order.
 */
export async function startRunningInvestigations(
  db: Pick<PrismaClient, "$queryRaw">,
  starts: readonly InvestigationStart[],
): Promise<InvestigationStartOutcome[]> {
  if (starts.length === 0) return [];
  const col = columnsOf(starts);
  const now = new Date().toISOString();
  const rows = await directSql(db).$queryRaw<{ id: string; found: boolean; started: boolean }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col("investigationId")}::text[], ${col("incidentId")}::text[], ${col("tenantId")}::text[], ${col("from")}::text[],
        ${col("to")}::text[], ${col("trigger")}::text[], ${col("agents", json)}::text[], ${col("actor", (a) => a.kind)}::text[],
        ${col("actor", (a) => a.id)}::text[], ${col("message")}::text[], ${col("activityData", json)}::text[]
      ) WITH ORDINALITY AS t(id, incident_id, tenant_id, from_status, to_status, trigger, agents, actor_kind, actor_id, message, activity_data, ord)
    ),
    -- Every incident named is locked (in id order, so concurrent batches never deadlock) and read
    -- as it is once locked; a start goes on only if its incident is still in the status it read.
    locked AS (
      SELECT i."id", i."tenantId", i."status"::text AS status FROM "Incident" i
      WHERE i."id" IN (SELECT incident_id FROM input)
      ORDER BY i."id" FOR UPDATE OF i
    ),
    found AS (
      SELECT input.* FROM input
      JOIN locked l ON l."id" = input.incident_id AND l."tenantId" = input.tenant_id AND l.status = input.from_status
    ),
    inserted AS (
      INSERT INTO "Investigation" ("id", "incidentId", "tenantId", "status", "trigger", "agents", "startedAt")
      SELECT input.id, input.incident_id, input.tenant_id, 'running', input.trigger,
             ARRAY(SELECT jsonb_array_elements_text(input.agents::jsonb)), ${now}::timestamp
      FROM found input
      ON CONFLICT ("incidentId") WHERE "status" = 'running' DO NOTHING
      RETURNING "id"
    ),
    started AS (SELECT input.* FROM input JOIN inserted USING (id)),
    moved AS (
      UPDATE "Incident" i
      SET "status" = s.to_status::"IncidentStatus", "assignedAgents" = ARRAY(SELECT jsonb_array_elements_text(s.agents::jsonb)),
          "updatedAt" = ${now}::timestamp
      FROM started s WHERE i."id" = s.incident_id
      RETURNING i."id"
    ),
    ${activityCtes("started", {
      type: "investigation.started",
      incidentId: Prisma.sql`n.incident_id`,
      actorKind: Prisma.sql`n.actor_kind`,
      actorId: Prisma.sql`n.actor_id`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.activity_data::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT input.id, EXISTS (SELECT 1 FROM found WHERE found.id = input.id) AS found,
           EXISTS (SELECT 1 FROM started WHERE started.id = input.id) AS started
    FROM input ORDER BY input.ord`;
  return rows.map((row) => (!row.found ? "moved" : row.started ? "started" : "running"));
}
