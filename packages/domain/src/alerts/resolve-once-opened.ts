import { setTimeout as sleep } from "node:timers/promises";
import type { AlertKey, DedupCache } from "./dedup-cache";

/** What a resolve attempt that was asked to hold returns when its key has nothing open: nothing was recorded. */
export const HELD = Symbol("held");

/** How long a resolve waits for the incident a firing alert of its key is opening. */
export const RESOLVE_WAIT_MS = 5_000;

/**
 * Applies a resolved alert so that it does not overtake the firing alert before it on another
 * normalizer (within one, KeyTurns keeps a key's order). A resolve that finds nothing open while
 * the key is claimed would be recorded as ignored and leave open the incident that firing alert
 * is still opening; instead it is held (`attempt(true)` records nothing and returns HELD) and
 * applied again, backing off, while the claim lasts. After `waitMs` (a claim left behind by a
 * crash, not an incident being opened) it is applied without holding, and recorded as ignored.
 */
export async function resolveOnceOpened<T>(
  dedup: Pick<DedupCache, "isClaimed">,
  key: AlertKey,
  attempt: (hold: boolean) => Promise<T | typeof HELD>,
  waitMs = RESOLVE_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
    const hold = Date.now() < deadline && (await dedup.isClaimed(key));
    const outcome = await attempt(hold);
    if (outcome !== HELD) return outcome;
    await sleep(Math.max(0, Math.min(delayMs, deadline - Date.now())));
  }
}
