import { setTimeout as sleep } from "node:timers/promises";
import type { AlertKey, DedupCache } from "./dedup-cache";

/** What a resolve attempt that was asked to hold returns when its key has nothing open: nothing was recorded. */
export const HELD = Symbol("held");

/** How long a resolve waits for the incident a firing alert of its key is opening. */
export const RESOLVE_WAIT_MS = 5_000;

/**
 * Applies a resolved alert, received at `receivedAt`, so that it does not overtake a firing alert
 * received before it that another normalizer is applying (within one, KeyTurns keeps a key's
 * order). A resolve that finds nothing open while such an alert holds the key's claim would be
 * recorded as ignored and leave open the incident that alert is still opening; instead it is held
 * (`attempt(true)` records nothing and returns HELD) and applied again, backing off, while the
 * claim lasts. After `waitMs` (a claim left behind by a crash, not an incident being opened) it is
 * applied without holding, and recorded as ignored. A claim by a firing alert received after the
 * resolve does not hold it: that alert's incident stays open.
 */
export async function resolveOnceOpened<T>(
  dedup: Pick<DedupCache, "claimedBefore">,
  key: AlertKey,
  receivedAt: Date,
  attempt: (hold: boolean) => Promise<T | typeof HELD>,
  waitMs = RESOLVE_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
    const hold = Date.now() < deadline && (await dedup.claimedBefore(key, receivedAt));
    const outcome = await attempt(hold);
    if (outcome !== HELD) return outcome;
    await sleep(Math.max(0, Math.min(delayMs, deadline - Date.now())));
  }
}
