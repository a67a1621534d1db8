import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
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
 * Starts an investigation in one statement (issue 12: no interactive transaction, so the tenant's
 * activity counter is held only while it runs): the incident row is locked if it is still in the
 * status read, the running Investigation row inserted (at most one per incident: the partial unique
 * index `investigation_running`), the incident moved with its agents assigned, and the entry
 * written. Nothing is written unless all of it is.
 */
export async function startRunningInvestigation(
  db: Pick<PrismaClient, "$queryRaw">,
  start: InvestigationStart,
): Promise<InvestigationStartOutcome> {
  const { investigationId, incidentId, tenantId, from, to, trigger, agents, actor } = start;
  const now = new Date().toISOString();
  const [row] = await directSql(db).$queryRaw<{ found: number; started: number }[]>`
    WITH locked AS (
      SELECT "id" FROM "Incident"
      WHERE "id" = ${incidentId} AND "tenantId" = ${tenantId} AND "status" = ${from}::"IncidentStatus"
      FOR UPDATE
    ),
    inserted AS (
      INSERT INTO "Investigation" ("id", "incidentId", "tenantId", "status", "trigger", "agents", "startedAt")
      SELECT ${investigationId}, ${incidentId}, ${tenantId}, 'running', ${trigger}, ${[...agents]}::text[], ${now}::timestamp
      FROM locked
      ON CONFLICT ("incidentId") WHERE "status" = 'running' DO NOTHING
      RETURNING "id"
    ),
    moved AS (
      UPDATE "Incident" SET "status" = ${to}::"IncidentStatus", "assignedAgents" = ${[...agents]}::text[], "updatedAt" = ${now}::timestamp
      WHERE "id" = ${incidentId} AND EXISTS (SELECT 1 FROM inserted)
      RETURNING "id"
    ),
    entries AS (SELECT ${tenantId}::text AS tenant_id, 1 AS ord FROM inserted),
    ${activityCtes("entries", {
      type: "investigation.started",
      incidentId: Prisma.sql`${incidentId}::text`,
      actorKind: actor.kind,
      actorId: Prisma.sql`${actor.id}::text`,
      message: Prisma.sql`${start.message}::text`,
      data: Prisma.sql`${JSON.stringify(start.activityData)}::jsonb`,
      occurredAt: Prisma.sql`${now}::timestamp`,
    })}
    SELECT (SELECT count(*) FROM locked)::int AS found, (SELECT count(*) FROM moved)::int AS started`;
  if (!row || row.found === 0) return "moved";
  return row.started > 0 ? "started" : "running";
}
