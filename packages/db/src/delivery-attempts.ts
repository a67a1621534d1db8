import { columnsOf } from "./batch/unnest-columns";
import { directSql, type RawDb as Db } from "./direct-sql";

/** One attempt to send a delivery: what the channel answered, and the status it leaves (null: still pending, retried). */
export interface DeliveryAttempt {
  status: "delivered" | "failed" | null;
  responseStatus: number | null;
  error: string | null;
}

/** An attempt on one delivery. */
export type RecordedAttempt = DeliveryAttempt & { deliveryId: string };

/**
 * Records attempts on their Delivery rows in one statement (issue 12: on the notifications job's
 * path, shared by the notifier's concurrent jobs): one more attempt each, the response, and the
 * outcome (`deliveredAt` when delivered). A delivery is attempted by one job at a time, so a batch
 * holds each at most once.
 */
export async function recordDeliveryAttempts(db: Db, attempts: readonly RecordedAttempt[]): Promise<void> {
  if (attempts.length === 0) return;
  const col = columnsOf(attempts);
  const now = new Date().toISOString();
  await directSql(db).$queryRaw`
    UPDATE "Delivery" d
    SET "attempts" = d."attempts" + 1, "responseStatus" = a.response_status::int, "lastError" = a.error,
        "status" = COALESCE(a.status::"DeliveryStatus", d."status"),
        "deliveredAt" = CASE WHEN a.status = 'delivered' THEN ${now}::timestamp ELSE d."deliveredAt" END,
        "updatedAt" = ${now}::timestamp
    FROM unnest(${col("deliveryId")}::text[], ${col("status")}::text[], ${col("responseStatus")}::text[], ${col("error")}::text[])
      AS a(id, status, response_status, error)
    WHERE d."id" = a.id`;
}

/** Fails a delivery that can never be sent (its channel disabled, its entry gone), saying why; no attempt is counted. */
export async function failDelivery(db: Db, deliveryId: string, reason: string): Promise<void> {
  await directSql(db).$queryRaw`
    UPDATE "Delivery" SET "status" = 'failed', "lastError" = ${reason}, "updatedAt" = ${new Date().toISOString()}::timestamp
    WHERE "id" = ${deliveryId}`;
}
