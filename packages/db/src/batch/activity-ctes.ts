import { Prisma } from "@prisma/client";

/** How each row of a batch becomes its activity entry: SQL over `n`, the numbered row. */
export interface ActivityEntrySql {
  /** The event type: one for the whole batch, or SQL over `n`. */
  type: string | Prisma.Sql;
  incidentId: Prisma.Sql;
  /** One for the whole batch, or SQL over `n` (text). */
  actorKind: "provider" | "key" | "operator" | "system" | Prisma.Sql;
  actorId: Prisma.Sql;
  message: Prisma.Sql;
  data: Prisma.Sql;
  occurredAt: Prisma.Sql;
}

/**
 * The common tail of every batched statement (contract §7 in one statement): one activity entry
 * per row of the CTE `source` (which has `tenant_id` and `ord`), the tenants' counters bumped once
 * each and in tenant order, so a tenant's activityIds stay gapless and in commit order.
 */
export function activityCtes(source: string, entry: ActivityEntrySql): Prisma.Sql {
  const rows = Prisma.raw(`"${source}"`);
  return Prisma.sql`
    counter AS (
      INSERT INTO "ActivityCounter" ("tenantId", "last")
      SELECT tenant_id, count(*) FROM ${rows} GROUP BY tenant_id ORDER BY tenant_id
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "ActivityCounter"."last" + EXCLUDED."last"
      RETURNING "tenantId", "last"
    ),
    numbered AS (
      SELECT r.*, row_number() OVER (PARTITION BY tenant_id ORDER BY ord) AS rn, count(*) OVER (PARTITION BY tenant_id) AS total
      FROM ${rows} r
    ),
    activity AS (
      INSERT INTO "Activity" ("tenantId", "seq", "type", "incidentId", "actorKind", "actorId", "message", "data", "occurredAt")
      SELECT n.tenant_id, c."last" - n.total + n.rn, ${entry.type}, ${entry.incidentId}, ${entry.actorKind}::"ActorKind",
             ${entry.actorId}, ${entry.message}, ${entry.data}, ${entry.occurredAt}
      FROM numbered n JOIN counter c ON c."tenantId" = n.tenant_id
    )`;
}
