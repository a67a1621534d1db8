import type { ActivityType } from "@causeflow/contracts";
import type { ActivityRow, PrismaClient } from "@causeflow/db";

export interface ActivityQuery {
  tenantId: string;
  /** Entries after this activityId (0: from the start). */
  since: number;
  types?: readonly ActivityType[];
  incidentId?: string;
  limit: number;
}

/** A tenant's activity after `since`, oldest first; `last` is the highest id read (filtered or not), to resume from. */
export async function listActivity(
  prisma: PrismaClient,
  query: ActivityQuery,
): Promise<{ items: ActivityRow[]; last: number; more: boolean }> {
  const rows = await prisma.activity.findMany({
    where: {
      tenantId: query.tenantId,
      seq: { gt: BigInt(query.since) },
      ...(query.incidentId ? { incidentId: query.incidentId } : {}),
      ...(query.types?.length ? { type: { in: [...query.types] } } : {}),
    },
    orderBy: { seq: "asc" },
    take: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items.length ? Number(items.at(-1)!.seq) : query.since;
  return { items, last, more: rows.length > query.limit };
}

/** The newest activityId of a tenant (0 when it has none): where a live stream without `since` starts. */
export async function lastActivityId(prisma: PrismaClient, tenantId: string): Promise<number> {
  const counter = await prisma.activityCounter.findUnique({ where: { tenantId } });
  return counter ? Number(counter.last) : 0;
}
