import { Prisma, type Activity, type Channel, type Delivery, type Incident, type Investigation } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";
import { byPrefix, joinedColumns as columns } from "./joined-row";

/** What a notification says of its incident. */
export const NOTIFIED_INCIDENT_FIELDS = [
  "id",
  "title",
  "severity",
  "status",
  "source",
  "service",
  "environment",
  "duplicateCount",
  "url",
] as const satisfies readonly (keyof Incident)[];
export type NotifiedIncident = Pick<Incident, (typeof NOTIFIED_INCIDENT_FIELDS)[number]>;

/** What a notification says of the incident's latest investigation. */
export const NOTIFIED_INVESTIGATION_FIELDS = [
  "id",
  "rootCauseSummary",
  "rootCauseConfidence",
  "remediationStatus",
  "remediationTitle",
  "remediationSteps",
] as const satisfies readonly (keyof Investigation)[];
export type NotifiedInvestigation = Pick<Investigation, (typeof NOTIFIED_INVESTIGATION_FIELDS)[number]>;

/** What sending needs of the channel. */
const CHANNEL_FIELDS = ["enabled", "type", "configEnc"] as const satisfies readonly (keyof Channel)[];
/** The whole entry: every column Prisma knows of, so a new one follows. */
const ENTRY_FIELDS = Object.values(Prisma.ActivityScalarFieldEnum);

/**
 * A delivery with everything sending it needs: its channel's state and config, its activity
 * entry (null once gone), the entry's incident as it is now and the incident's latest
 * investigation (null when there is none).
 */
export type DeliveryToSend = Delivery & {
  channel: Pick<Channel, (typeof CHANNEL_FIELDS)[number]>;
  entry: Activity | null;
  incident: NotifiedIncident | null;
  investigation: NotifiedInvestigation | null;
};

/**
 * The notifications job's one read (issue 12: it made six Prisma queries a delivery, ~4 ms of
 * the notifier's CPU, more than an alert's whole intake), for many deliveries at once: the
 * notifier's concurrent jobs share one statement. Rows keep Prisma's shapes; a delivery that does
 * not exist (its channel was deleted) is not returned.
 */
export async function readDeliveriesToSend(db: Db, deliveryIds: readonly string[]): Promise<DeliveryToSend[]> {
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT d.*,
           ${columns("c", "channel", CHANNEL_FIELDS)},
           ${columns("a", "entry", ENTRY_FIELDS)},
           ${columns("i", "incident", NOTIFIED_INCIDENT_FIELDS)},
           ${columns("v", "investigation", NOTIFIED_INVESTIGATION_FIELDS)}
    FROM "Delivery" d
    JOIN "Channel" c ON c."id" = d."channelId"
    LEFT JOIN "Activity" a ON a."tenantId" = d."tenantId" AND a."seq" = d."activitySeq"
    LEFT JOIN "Incident" i ON i."id" = a."incidentId"
    LEFT JOIN LATERAL (
      SELECT * FROM "Investigation" WHERE "incidentId" = a."incidentId" ORDER BY "startedAt" DESC LIMIT 1
    ) v ON true
    WHERE d."id" = ANY(${[...new Set(deliveryIds)]}::text[])`;
  return rows.map((row) => {
    const { "": delivery, channel, entry, incident, investigation } = byPrefix(row);
    return {
      ...(delivery as Delivery),
      channel: channel as DeliveryToSend["channel"],
      entry: entry!.seq === null ? null : (entry as Activity),
      incident: incident!.id === null ? null : (incident as NotifiedIncident),
      investigation: investigation!.id === null ? null : (investigation as NotifiedInvestigation),
    };
  });
}
