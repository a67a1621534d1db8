import { directSql, type RawDb as Db } from "./direct-sql";

/** One attempt to send a delivery: what the channel answered, and the status it leaves (null: still pending, retried). */
export interface DeliveryAttempt {
  status: "delivered" | "failed" | null;
  responseStatus: number | null;
  error: string | null;
}

/**
 * Records an attempt on its Delivery row in one statement (issue 12: on the notifications job's
 * path): one more attempt, the response, and the outcome (`deliveredAt` when delivered).
 */
export async function recordDeliveryAttempt(db: Db, deliveryId: string, attempt: DeliveryAttempt): Promise<void> {
  const now = new Date().toISOString();
  const deliveredAt = attempt.status === "delivered" ? now : null;
  await directSql(db).$queryRaw`
    UPDATE "Delivery"
    SET "attempts" = "attempts" + 1, "responseStatus" = ${attempt.responseStatus}::int, "lastError" = ${attempt.error}::text,
        "status" = COALESCE(${attempt.status}::"DeliveryStatus", "status"),
        "deliveredAt" = COALESCE(${deliveredAt}::timestamp, "deliveredAt"), "updatedAt" = ${now}::timestamp
    WHERE "id" = ${deliveryId}`;
}

/** Fails a delivery that can never be sent (its channel disabled, its entry gone), saying why; no attempt is counted. */
export async function failDelivery(db: Db, deliveryId: string, reason: string): Promise<void> {
  await directSql(db).$queryRaw`
    UPDATE "Delivery" SET "status" = 'failed', "lastError" = ${reason}, "updatedAt" = ${new Date().toISOString()}::timestamp
    WHERE "id" = ${deliveryId}`;
}
