import { SilenceMatchers } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import { matchesAll, type SilenceSubject } from "./silence-matcher";

/**
 * The first silence active now whose matchers all match the alert, or null. Read from Postgres
 * each time an alert would open an incident (not for duplicates or resolves), so creating or
 * expiring a silence takes effect at once.
 */
export async function findActiveSilence(prisma: PrismaClient, tenantId: string, subject: SilenceSubject): Promise<string | null> {
  const now = new Date();
  const silences = await prisma.silence.findMany({
    where: { tenantId, startsAt: { lte: now }, endsAt: { gt: now }, expiredAt: null },
    orderBy: { createdAt: "asc" },
  });
  for (const silence of silences) {
    const matchers = SilenceMatchers.safeParse(silence.matchers);
    if (matchers.success && matchesAll(matchers.data, subject)) return silence.id;
  }
  return null;
}
