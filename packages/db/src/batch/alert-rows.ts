import { Prisma } from "@prisma/client";
import { columnsOf, iso, json } from "./unnest-columns";

/** One alert of a key that may have an open incident (a duplicate, a resolve): its key, record and payload. */
export interface AlertRow {
  tenantId: string;
  source: string;
  sourceAlertId: string;
  receivedAt: Date;
  /** The IncidentAlert row's deterministic id (<eventId>-<index>). */
  recordId: string;
  eventId: string;
  normalized: unknown;
}

/** What a statement did with an alert's row: the incident it applied to, as it left it. */
export interface AppliedAlertRow {
  recordId: string;
  incidentId: string;
  title: string;
  severity: string;
  status: string;
}

/** The CTE `input` of a statement over alert rows: one row each, numbered (`ord`) in batch order. */
export function alertRowsInput(rows: readonly AlertRow[]): Prisma.Sql {
  const col = columnsOf(rows);
  return Prisma.sql`
    input AS (
      SELECT * FROM unnest(
        ${col("tenantId")}::text[], ${col("source")}::text[], ${col("sourceAlertId")}::text[], ${col("receivedAt", iso)}::text[],
        ${col("recordId")}::text[], ${col("eventId")}::text[], ${col("normalized", json)}::text[]
      ) WITH ORDINALITY AS t(tenant_id, source, source_alert_id, received_at, record_id, event_id, normalized, ord)
    )`;
}

/** The CTE `first` over `input`: each key's first row in batch order (a key is applied once a statement). */
export const FIRST_OF_EACH_KEY = Prisma.sql`
    first AS (
      SELECT DISTINCT ON (tenant_id, source, source_alert_id) * FROM input
      ORDER BY tenant_id, source, source_alert_id, ord
    )`;

/** What a batched statement records an alert as (IncidentAlert's status and outcome). */
export interface AlertRecordSql {
  /** The rows recorded: a CTE (or a CTE with a condition) whose rows have record_id, event_id, source_alert_id and normalized. */
  from: Prisma.Sql;
  /** SQL over those rows: the incident the alert applied to, or NULL. */
  incidentId: Prisma.Sql;
  status: "firing" | "resolved";
  outcome: "created" | "duplicate" | "reopened" | "resolved" | "ignored" | "silenced";
  /** The records' createdAt (ISO). */
  at: string;
}

/** The INSERT of each row's alert record, one shape for every batched statement (a CTE's body). */
export function insertAlertRecords({ from, incidentId, status, outcome, at }: AlertRecordSql): Prisma.Sql {
  return Prisma.sql`
      INSERT INTO "IncidentAlert" ("id", "eventId", "incidentId", "sourceAlertId", "status", "outcome", "normalized", "createdAt")
      SELECT record_id, event_id, ${incidentId}, source_alert_id, ${Prisma.raw(`'${status}'`)}, ${Prisma.raw(`'${outcome}'`)},
             normalized::jsonb, ${at}::timestamp
      FROM ${from}`;
}
