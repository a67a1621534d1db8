import type { Channel, Incident, Silence } from "@prisma/client";
import { directSql, type RawDb as Db } from "../direct-sql";

// Reads of the hot paths that return whole rows, as raw SQL run through `directSql` (issue 12: a
// Prisma model query costs several times the CPU). Rows keep Prisma's shapes; tests run each
// against the migrated schema.

/** Incidents by id (a triage batch reads its incidents together). */
export const readByIds = {
  incidents: (db: Db, ids: readonly string[]): Promise<Incident[]> =>
    directSql(db).$queryRaw`SELECT * FROM "Incident" WHERE "id" = ANY(${[...new Set(ids)]}::text[])`,
};

/** The silences of these tenants active now (started, not ended, not expired early), oldest first. */
export function readActiveSilences(db: Db, tenantIds: readonly string[]): Promise<Silence[]> {
  const now = new Date().toISOString();
  return directSql(db).$queryRaw`
    SELECT * FROM "Silence"
    WHERE "tenantId" = ANY(${[...new Set(tenantIds)]}::text[]) AND "startsAt" <= ${now}::timestamp
      AND "endsAt" > ${now}::timestamp AND "expiredAt" IS NULL
    ORDER BY "createdAt" ASC`;
}

/** A tenant's enabled notification channels (the activity relay reads them on every pass). */
export function readEnabledChannels(db: Db, tenantId: string): Promise<Channel[]> {
  return directSql(db)
    .$queryRaw`SELECT * FROM "Channel" WHERE "tenantId" = ${tenantId} AND "enabled" ORDER BY "createdAt" ASC, "id" ASC`;
}
