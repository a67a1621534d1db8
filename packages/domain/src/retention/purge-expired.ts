import type { PrismaClient } from "@causeflow/db";

export interface PurgeReport {
  rawBodies: number;
  incidentAlerts: number;
  evidence: number;
}

/**
 * Retention (`RETENTION_DAYS`): raw delivery bodies older than the cutoff are emptied (the
 * delivery's record and verdict stay), and resolved or closed incidents resolved before it lose
 * their details (alert records, evidence); incidents, their activity (the audit trail) and
 * investigations' conclusions stay. Works in small batches, each its own short statement, so the
 * hot tables are never locked for long.
 */
export async function purgeExpired(
  prisma: PrismaClient,
  options: { retentionDays: number; batch?: number; now?: Date },
): Promise<PurgeReport> {
  const report: PurgeReport = { rawBodies: 0, incidentAlerts: 0, evidence: 0 };
  if (options.retentionDays <= 0) return report;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 24 * 3600 * 1000);
  const batch = options.batch ?? 1000;
  const loop = async (step: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < batch) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  report.rawBodies = await loop(
    () => prisma.$executeRaw`
      UPDATE "AlertEvent" SET "rawBody" = '', "headers" = '{}'
      WHERE "id" IN (SELECT "id" FROM "AlertEvent" WHERE "receivedAt" < ${cutoff} AND "rawBody" <> '' LIMIT ${batch})`,
  );
  report.incidentAlerts = await loop(
    () => prisma.$executeRaw`
      DELETE FROM "IncidentAlert" WHERE "id" IN (
        SELECT a."id" FROM "IncidentAlert" a JOIN "Incident" i ON i."id" = a."incidentId"
        WHERE i."status" IN ('resolved', 'closed') AND COALESCE(i."resolvedAt", i."updatedAt") < ${cutoff}
        LIMIT ${batch})`,
  );
  report.evidence = await loop(
    () => prisma.$executeRaw`
      DELETE FROM "Evidence" WHERE "id" IN (
        SELECT e."id" FROM "Evidence" e
        JOIN "Investigation" v ON v."id" = e."investigationId"
        JOIN "Incident" i ON i."id" = v."incidentId"
        WHERE i."status" IN ('resolved', 'closed') AND COALESCE(i."resolvedAt", i."updatedAt") < ${cutoff}
        LIMIT ${batch})`,
  );
  return report;
}
