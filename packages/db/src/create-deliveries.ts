import { columnsOf } from "./batch/unnest-columns";
import { directSql, type RawDb as Db } from "./direct-sql";

/** A delivery the relay creates: one (activity entry, channel) pair. */
export interface NewDelivery {
  /** <channelId>-<activitySeq>. */
  id: string;
  tenantId: string;
  channelId: string;
  activitySeq: bigint;
  activityType: string;
  incidentId: string | null;
}

/**
 * Creates the relay's deliveries in one statement, `pending` with no attempt; one that exists
 * already (another relay, or this one before a crash) is left as it is. Returns how many were
 * created.
 */
export async function createDeliveries(db: Db, deliveries: readonly NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const col = columnsOf(deliveries);
  const now = new Date().toISOString();
  const created = await directSql(db).$queryRaw<{ id: string }[]>`
    INSERT INTO "Delivery" ("id", "tenantId", "channelId", "activitySeq", "activityType", "incidentId", "createdAt", "updatedAt")
    SELECT id, tenant_id, channel_id, activity_seq::bigint, activity_type, incident_id, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${col("id")}::text[], ${col("tenantId")}::text[], ${col("channelId")}::text[],
                ${col("activitySeq", String)}::text[], ${col("activityType")}::text[], ${col("incidentId")}::text[])
      AS t(id, tenant_id, channel_id, activity_seq, activity_type, incident_id)
    ORDER BY id
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return created.length;
}
