import { Prisma, type PrismaClient } from "@prisma/client";
import { activityCtes } from "./activity-ctes";
import { alertRowsInput, type AlertRow, insertAlertRecords } from "./alert-rows";
import { columnsOf } from "./unnest-columns";
import { directSql } from "../direct-sql";

/** A firing alert a silence kept from opening an incident. */
export interface SilencedRow extends AlertRow {
  silenceId: string;
  title: string;
}

/**
 * Records many silenced alerts in one statement, as recordSilenced does one by one: each alert's
 * record (outcome `silenced`, no incident) and its `alert.silenced` entry (actor the provider).
 */
export async function recordSilencedAlerts(db: Pick<PrismaClient, "$queryRaw">, rows: readonly SilencedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = columnsOf(rows);
  const now = new Date().toISOString();
  await directSql(db).$queryRaw`
    WITH ${alertRowsInput(rows)},
    extra AS (
      SELECT * FROM unnest(${col("silenceId")}::text[], ${col("title")}::text[]) WITH ORDINALITY AS x(silence_id, title, ord)
    ),
    silenced AS (SELECT input.*, extra.silence_id, extra.title FROM input JOIN extra USING (ord)),
    alerts AS (
      ${insertAlertRecords({ from: Prisma.sql`silenced`, incidentId: Prisma.sql`NULL`, status: "firing", outcome: "silenced", at: now })}
    ),
    ${activityCtes("silenced", {
      type: "alert.silenced",
      incidentId: Prisma.sql`NULL`,
      actorKind: "provider",
      actorId: Prisma.sql`n.source`,
      message: Prisma.sql`'Alert "' || n.title || '" silenced'`,
      data: Prisma.sql`jsonb_build_object('eventId', n.event_id, 'silenceId', n.silence_id, 'source', n.source,
                                          'sourceAlertId', n.source_alert_id, 'title', n.title)`,
      occurredAt: Prisma.sql`n.received_at::timestamp`,
    })}
    SELECT 1`;
}
