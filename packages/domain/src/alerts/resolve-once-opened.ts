import { setTimeout as sleep } from "node:timers/promises";
import type { AlertContext } from "./alert-context";
import { alertKeyOf, type DedupCache } from "./dedup-cache";

/** What a resolve attempt that was asked to hold returns when its key has nothing open: nothing was recorded. */
export const HELD = Symbol("held");

/** How long a resolve waits for the incident a firing alert of its key is opening. */
export const RESOLVE_WAIT_MS = 5_000;

/**
 * Applies a resolved alert so that it does not overtake a firing alert received before it that
 * another normalizer is applying (within one, KeyTurns keeps a key's order). A resolve that finds
 * nothing open would be recorded as ignored and leave open the incident such an alert then opens.
 * So it is held (`attempt(true)` records nothing and returns HELD) and applied again, backing off,
 * while either:
 * - its key is claimed by a firing alert received before it (its incident is being opened), or
 * - a delivery another normalizer took off the queue before this one is still being applied
 *   (`ctx.earlierElsewhere`): its firing alerts may not have claimed their keys yet.
 * After `waitMs` (a claim left behind by a crash, a replica stalled) it is applied without
 * holding, and recorded as ignored. A claim by a firing alert received after the resolve does not
 * hold it: that alert's incident stays open.
 */
export async function resolveOnceOpened<T>(
  dedup: Pick<DedupCache, "claimedBefore">,
  ctx: Pick<AlertContext, "tenantId" | "provider" | "alert" | "receivedAt" | "earlierElsewhere">,
  attempt: (hold: boolean) => Promise<T | typeof HELD>,
  waitMs = RESOLVE_WAIT_MS,
): Promise<T> {
  const key = alertKeyOf(ctx);
  const deadline = Date.now() + waitMs;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
    const hold =
      Date.now() < deadline && ((await dedup.claimedBefore(key, ctx.receivedAt)) || ((await ctx.earlierElsewhere?.()) ?? false));
    const outcome = await attempt(hold);
    if (outcome !== HELD) return outcome;
    await sleep(Math.max(0, Math.min(delayMs, deadline - Date.now())));
  }
}
