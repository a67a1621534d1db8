import type { PrismaClient } from "@prisma/client";
import { columnsOf, iso, json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** A delivery as the normalizer first records it (status "received"). */
export interface ReceivedEventRow {
  id: string;
  tenantId: string;
  provider: string;
  receivedAt: Date;
  rawBody: string;
  headers: unknown;
}

/** What became of a delivery (status "processed"). */
export interface ProcessedEventRow {
  id: string;
  outcome: string;
  reason: string | null;
  results: unknown;
}

/** Records many deliveries in one statement; returns the ids this call created (the others existed: a retried job). */
export async function insertReceivedEvents(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly ReceivedEventRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = columnsOf(rows);
  const created = await directSql(db).$queryRaw<{ id: string }[]>`
    INSERT INTO "AlertEvent" ("id", "tenantId", "provider", "receivedAt", "rawBody", "headers", "status")
    SELECT id, tenant_id, provider, received_at::timestamp, raw_body, headers::jsonb, 'received'
    FROM unnest(${col("id")}::text[], ${col("tenantId")}::text[], ${col("provider")}::text[], ${col("receivedAt", iso)}::text[],
                ${col("rawBody")}::text[], ${col("headers", json)}::text[])
         AS t(id, tenant_id, provider, received_at, raw_body, headers)
    ORDER BY id
    ON CONFLICT ("id") DO NOTHING
    RETURNING "id"`;
  return new Set(created.map((r) => r.id));
}

/** Marks many deliveries processed with their verdicts, in one statement. */
export async function markEventsProcessed(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly ProcessedEventRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = columnsOf(rows);
  const now = new Date().toISOString();
  await directSql(db).$queryRaw`
    UPDATE "AlertEvent" e
    SET "status" = 'processed', "outcome" = u.outcome, "reason" = u.reason, "results" = u.results::jsonb, "processedAt" = ${now}::timestamp
    FROM (SELECT * FROM unnest(${col("id")}::text[], ${col("outcome")}::text[], ${col("reason")}::text[], ${col("results", json)}::text[])
          AS t(id, outcome, reason, results) ORDER BY id) u
    WHERE e."id" = u.id`;
}
