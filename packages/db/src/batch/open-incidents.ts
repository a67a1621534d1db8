import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { insertAlertRecords } from "./alert-rows";
import { statusIs } from "./status-is";
import { columnsOf, iso, json } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** One alert that would open an incident: everything its three rows need. */
export interface NewIncidentRow {
  id: string;
  tenantId: string;
  title: string;
  description: string;
  severity: string;
  source: string;
  sourceAlertId: string;
  service: string | null;
  environment: string | null;
  tags: Record<string, string>;
  url: string | null;
  occurredAt: Date;
  receivedAt: Date;
  /** The IncidentAlert row's deterministic id (<eventId>-<index>). */
  recordId: string;
  eventId: string;
  normalized: unknown;
  /** The incident.created entry. */
  message: string;
  activityData: unknown;
}

/**
 * Opens many incidents in one statement: the incidents, their alert records and their
 * `incident.created` activity, the tenants' activity counters bumped once each. Returns the ids
 * opened. A row is skipped, for the caller to apply one by one, when its key already has an open
 * incident (`ON CONFLICT … DO NOTHING` on the partial unique index; also the second of two rows of
 * one key) or when its source resolved the key within the tenant's reopen window (contract §9). Rows are inserted
 * in key order and counters bumped in tenant order, so concurrent batches never deadlock.
 */
export async function insertNewIncidents(
  db: Pick<PrismaClient, "$queryRaw">,
  rows: readonly NewIncidentRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = columnsOf(rows);
  const now = new Date().toISOString();
  const inserted = await directSql(db).$queryRaw<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col("id")}::text[], ${col("tenantId")}::text[], ${col("title")}::text[], ${col("description")}::text[],
        ${col("severity")}::text[], ${col("source")}::text[], ${col("sourceAlertId")}::text[], ${col("service")}::text[],
        ${col("environment")}::text[], ${col("tags", json)}::text[], ${col("url")}::text[], ${col("occurredAt", iso)}::text[],
        ${col("receivedAt", iso)}::text[], ${col("recordId")}::text[], ${col("eventId")}::text[],
        ${col("normalized", json)}::text[], ${col("message")}::text[], ${col("activityData", json)}::text[]
      ) WITH ORDINALITY AS t(id, tenant_id, title, description, severity, source, source_alert_id, service, environment, tags, url,
                              occurred_at, received_at, record_id, event_id, normalized, message, activity_data, ord)
    ),
    candidates AS (
      SELECT input.* FROM input LEFT JOIN "TenantSettings" s ON s."tenantId" = input.tenant_id
      WHERE coalesce(s."reopenWindowSeconds", 0) <= 0 OR NOT EXISTS (
        SELECT 1 FROM "Incident" r
        WHERE r."tenantId" = input.tenant_id AND r."source" = input.source AND r."sourceAlertId" = input.source_alert_id
          AND ${statusIs("r", "resolved")} AND r."resolvedByKind" = 'provider'
          AND r."resolvedAt" >= input.received_at::timestamp - make_interval(secs => s."reopenWindowSeconds")
      )
    ),
    inserted AS (
      INSERT INTO "Incident" ("id", "tenantId", "title", "description", "severity", "status", "source", "sourceAlertId",
                              "service", "environment", "tags", "url", "occurredAt", "firstSeenAt", "lastSeenAt",
                              "assignedAgents", "createdAt", "updatedAt")
      SELECT id, tenant_id, title, description, severity::"Severity", 'open', source, source_alert_id, service, environment,
             tags::jsonb, url, occurred_at::timestamp, received_at::timestamp, received_at::timestamp, '{}',
             ${now}::timestamp, ${now}::timestamp
      FROM candidates ORDER BY tenant_id, source, source_alert_id, ord
      ON CONFLICT ("tenantId", "source", "sourceAlertId") WHERE "status" NOT IN ('resolved', 'closed') DO NOTHING
      RETURNING "id"
    ),
    opened AS (SELECT input.* FROM input JOIN inserted USING (id)),
    alerts AS (
      ${insertAlertRecords({ from: Prisma.sql`opened`, incidentId: Prisma.sql`id`, status: "firing", outcome: "created", at: now })}
    ),
    ${activityCtes("opened", {
      type: "incident.created",
      incidentId: Prisma.sql`n.id`,
      actorKind: "provider",
      actorId: Prisma.sql`n.source`,
      message: Prisma.sql`n.message`,
      data: Prisma.sql`n.activity_data::jsonb`,
      occurredAt: Prisma.sql`n.received_at::timestamp`,
    })}
    SELECT id FROM inserted`;
  return new Set(inserted.map((r) => r.id));
}
