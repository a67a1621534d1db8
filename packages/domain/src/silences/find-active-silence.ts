import { SilenceMatchers } from "@causeflow/contracts";
import { readActiveSilences, type PrismaClient } from "@causeflow/db";
import { compileMatcher, type SilenceSubject } from "./silence-matcher";

/** The first silence active now whose matchers all match the subject, or null. */
export type SilenceLookup = (subject: SilenceSubject) => string | null;

/**
 * The silences active now of several tenants, compiled once: one lookup per tenant. Read from
 * Postgres each time alerts would open incidents (not for duplicates or resolves), so creating or
 * expiring a silence takes effect at once.
 */
export async function loadActiveSilences(
  prisma: PrismaClient,
  tenantIds: readonly string[],
): Promise<Map<string, SilenceLookup>> {
  const silences = await readActiveSilences(prisma, tenantIds);
  const compiled = new Map<string, { id: string; matches: ((s: SilenceSubject) => boolean)[] }[]>();
  for (const silence of silences) {
    const matchers = SilenceMatchers.safeParse(silence.matchers);
    if (!matchers.success) continue;
    const list = compiled.get(silence.tenantId) ?? [];
    list.push({ id: silence.id, matches: matchers.data.map(compileMatcher) });
    compiled.set(silence.tenantId, list);
  }
  const lookups = new Map<string, SilenceLookup>();
  for (const tenantId of tenantIds) {
    const list = compiled.get(tenantId) ?? [];
    lookups.set(tenantId, (subject) => list.find((s) => s.matches.every((match) => match(subject)))?.id ?? null);
  }
  return lookups;
}

/** The first silence active now whose matchers all match the alert, or null. */
export async function findActiveSilence(prisma: PrismaClient, tenantId: string, subject: SilenceSubject): Promise<string | null> {
  const lookups = await loadActiveSilences(prisma, [tenantId]);
  return lookups.get(tenantId)!(subject);
}
