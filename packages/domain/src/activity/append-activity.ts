import type { Actor, ActivityEvent } from "@causeflow/contracts";
import type { Tx } from "../domain-deps";

/** One change to record: what happened (typed per type), to which incident, by whom, in one sentence. */
export interface ActivityInput {
  event: ActivityEvent;
  incidentId?: string | null;
  actor: Actor;
  message: string;
  occurredAt?: Date;
}

/**
 * Records activity inside the caller's transaction (the outbox of contract §7) and returns the
 * activityIds given. One statement: the tenant's counter row is bumped and its lock held until
 * commit, so a tenant's activityIds increase in commit order and a reader that sees id N has
 * seen every id below it. Callers append last in their transaction, so the lock is held briefly.
 */
export async function appendActivity(
  tx: Pick<Tx, "$queryRaw">,
  tenantId: string,
  entries: readonly ActivityInput[],
): Promise<number[]> {
  if (entries.length === 0) return [];
  const now = new Date().toISOString();
  const rows = await tx.$queryRaw<{ seq: bigint }[]>`
    WITH counter AS (
      INSERT INTO "ActivityCounter" ("tenantId", "last") VALUES (${tenantId}, ${entries.length})
      ON CONFLICT ("tenantId") DO UPDATE SET "last" = "ActivityCounter"."last" + EXCLUDED."last"
      RETURNING "last"
    )
    INSERT INTO "Activity" ("tenantId", "seq", "type", "incidentId", "actorKind", "actorId", "message", "data", "occurredAt")
    SELECT ${tenantId}, counter."last" - ${entries.length} + e.ord, e.type, e.incident_id, e.actor_kind::"ActorKind", e.actor_id,
           e.message, e.data::jsonb, e.occurred_at::timestamp
    FROM counter, unnest(
      ${entries.map((e) => e.event.type)}::text[],
      ${entries.map((e) => e.incidentId ?? null)}::text[],
      ${entries.map((e) => e.actor.kind)}::text[],
      ${entries.map((e) => e.actor.id)}::text[],
      ${entries.map((e) => e.message)}::text[],
      ${entries.map((e) => JSON.stringify(e.event.data))}::text[],
      ${entries.map((e) => e.occurredAt?.toISOString() ?? now)}::text[]
    ) WITH ORDINALITY AS e(type, incident_id, actor_kind, actor_id, message, data, occurred_at, ord)
    RETURNING "seq"`;
  return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
}
