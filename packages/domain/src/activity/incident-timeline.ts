import type { ActivityRow, PrismaClient } from "@causeflow/db";

/** An incident's timeline shows its first entries (how it began: created, triaged, investigated)… */
export const TIMELINE_HEAD = 100;
/** …and its latest (where it stands now), at most these many in all. */
export const TIMELINE_MAX = 1000;

/**
 * The reads of an incident's timeline (contract §3), to run in the detail's snapshot transaction:
 * its first TIMELINE_HEAD entries and its latest (TIMELINE_MAX − TIMELINE_HEAD), each through the
 * incident's index in order. Its first 1,000 alone hid everything after a storm of duplicates:
 * the incident resolved, its investigation, its fix.
 */
export function timelineReads(prisma: PrismaClient, tenantId: string, incidentId: string) {
  const where = { tenantId, incidentId };
  return [
    prisma.activity.findMany({ where, orderBy: { seq: "asc" }, take: TIMELINE_HEAD }),
    prisma.activity.findMany({ where, orderBy: { seq: "desc" }, take: TIMELINE_MAX - TIMELINE_HEAD }),
  ] as const;
}

/** The two reads as one timeline, oldest first, each entry once (an incident with few entries is in both). */
export function mergeTimeline(head: ActivityRow[], latest: ActivityRow[]): ActivityRow[] {
  const after = head.at(-1)?.seq ?? -1n;
  return [...head, ...latest.filter((row) => row.seq > after).reverse()];
}
