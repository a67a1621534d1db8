import type { Activity, Channel, Delivery, Investigation } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";

// The notifications job's reads (issue 12: it made six Prisma queries a delivery, ~4 ms of the
// notifier's CPU, more than an alert's whole intake). Rows keep Prisma's shapes.

/** A delivery with what sending it needs: its channel's state and config, and its activity entry (null once gone). */
export type DeliveryToSend = Delivery & {
  channel: Pick<Channel, "enabled" | "type" | "configEnc">;
  entry: Activity | null;
};

type DeliveryRow = Delivery & {
  channelEnabled: boolean;
  channelType: Channel["type"];
  channelConfigEnc: string;
  entryType: string | null;
  entryIncidentId: string | null;
  entryActorKind: Activity["actorKind"] | null;
  entryActorId: string | null;
  entryMessage: string | null;
  entryData: Activity["data"] | null;
  entryOccurredAt: Date | null;
};

/** The delivery, its channel and its entry in one statement; null when there is no such delivery (its channel deleted). */
export async function readDeliveryToSend(db: Db, deliveryId: string): Promise<DeliveryToSend | null> {
  const [row] = await directSql(db).$queryRaw<DeliveryRow[]>`
    SELECT d.*, c."enabled" AS "channelEnabled", c."type" AS "channelType", c."configEnc" AS "channelConfigEnc",
           a."type" AS "entryType", a."incidentId" AS "entryIncidentId", a."actorKind" AS "entryActorKind",
           a."actorId" AS "entryActorId", a."message" AS "entryMessage", a."data" AS "entryData", a."occurredAt" AS "entryOccurredAt"
    FROM "Delivery" d
    JOIN "Channel" c ON c."id" = d."channelId"
    LEFT JOIN "Activity" a ON a."tenantId" = d."tenantId" AND a."seq" = d."activitySeq"
    WHERE d."id" = ${deliveryId}`;
  if (!row) return null;
  const {
    channelEnabled,
    channelType,
    channelConfigEnc,
    entryType,
    entryIncidentId,
    entryActorKind,
    entryActorId,
    entryMessage,
    entryData,
    entryOccurredAt,
    ...delivery
  } = row;
  const entry: Activity | null =
    entryType === null
      ? null
      : {
          tenantId: delivery.tenantId,
          seq: delivery.activitySeq,
          type: entryType,
          incidentId: entryIncidentId,
          actorKind: entryActorKind!,
          actorId: entryActorId,
          message: entryMessage!,
          data: entryData!,
          occurredAt: entryOccurredAt!,
        };
  return { ...delivery, channel: { enabled: channelEnabled, type: channelType, configEnc: channelConfigEnc }, entry };
}

/** The incident's latest investigation (by start), what its notifications report; null when it has none. */
export async function readLatestInvestigation(db: Db, incidentId: string): Promise<Investigation | null> {
  const [row] = await directSql(db).$queryRaw<Investigation[]>`
    SELECT * FROM "Investigation" WHERE "incidentId" = ${incidentId} ORDER BY "startedAt" DESC LIMIT 1`;
  return row ?? null;
}
