import type { AlertResult } from "@causeflow/contracts";
import { isUniqueViolation } from "@causeflow/db";
import type { DedupCache } from "./dedup-cache";
import type { AlertContext, IncidentStore } from "./incident-store";

const MAX_ATTEMPTS = 5;

/**
 * Applies one alert of a delivery, exactly once, and returns what it did:
 * - resolved → resolves the open incident (or is ignored when none is open);
 * - firing → a new incident when none is open for its key, else a duplicate of the open one.
 * Redis SET NX picks the likely path; Postgres's unique index over open incidents decides races,
 * also when Redis has lost its keys.
 */
export async function applyAlert(ctx: AlertContext, store: IncidentStore, dedup: DedupCache): Promise<AlertResult> {
  const prior = ctx.firstAttempt ? null : await store.priorResult(ctx);
  if (prior) return prior;
  const key = { tenantId: ctx.tenantId, provider: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId };

  if (ctx.alert.status === "resolved") {
    const result = await orPrior(ctx, store, () => store.resolve(ctx));
    await dedup.release(key);
    return result;
  }

  let tryCreate = await dedup.claim(key);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (tryCreate) {
      try {
        return await store.create(ctx);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another delivery opened the incident first, or an earlier attempt of this job did.
        const done = await store.priorResult(ctx);
        if (done) return done;
      }
    }
    const duplicate = await orPrior(ctx, store, () => store.recordDuplicate(ctx));
    if (duplicate) return duplicate;
    // The key was claimed but no incident is open (it was just resolved, or Redis kept a stale key).
    tryCreate = true;
  }
  throw new Error(`alert ${ctx.alert.sourceAlertId} did not settle after ${MAX_ATTEMPTS} attempts; retrying`);
}

/** Runs `effect`; if a concurrent attempt of the same job already recorded this alert, returns that instead. */
async function orPrior<T>(ctx: AlertContext, store: IncidentStore, effect: () => Promise<T>): Promise<T | AlertResult> {
  try {
    return await effect();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const done = await store.priorResult(ctx);
    if (done) return done;
    throw error;
  }
}
