import type { AlertResult } from "@causeflow/contracts";
import { isUniqueViolation, readTenantSettings } from "@causeflow/db";
import { findActiveSilence } from "../silences/find-active-silence";
import type { DomainDeps } from "../domain-deps";
import { enqueueTriage } from "../incidents/enqueue-triage";
import { toResult, type AlertContext } from "./alert-context";
import { alertKeyOf } from "./dedup-cache";
import { findAlertResult } from "./find-alert-result";
import { openIncidentFromAlert } from "./open-incident-from-alert";
import { recordDuplicate } from "./record-duplicate";
import { recordSilenced } from "./record-silenced";
import { reopenIncident } from "./reopen-incident";
import { resolveFromSource } from "./resolve-from-source";
import { resolveOnceOpened } from "./resolve-once-opened";

const MAX_ATTEMPTS = 5;

export type ApplyAlertDeps = Pick<DomainDeps, "prisma" | "queues" | "publisher" | "dedup">;

/**
 * Applies one alert of a delivery, exactly once, and returns what it did:
 * - resolved → resolves the open incident (or is ignored when none is open, once no firing alert
 *   of its key is opening one: resolveOnceOpened);
 * - firing → a duplicate of the open incident of its key; else, unless a silence matches it
 *   (contract §9: silenced, no incident) or it reopens its flapping incident, a new incident.
 * Redis SET NX picks the likely path; Postgres's unique index over open incidents decides races,
 * also when Redis has lost its keys. A new incident's triage is queued, also when a retried job
 * finds the incident its earlier attempt created.
 */
export async function applyAlert(deps: ApplyAlertDeps, ctx: AlertContext): Promise<AlertResult> {
  const result = await settle(deps, ctx);
  if (result.outcome === "created" && result.incidentId) {
    await enqueueTriage(deps.queues, [
      { incidentId: result.incidentId, tenantId: ctx.tenantId, eventId: ctx.eventId, requestId: ctx.requestId },
    ]);
  }
  return result;
}

async function settle(deps: ApplyAlertDeps, ctx: AlertContext): Promise<AlertResult> {
  const prior = ctx.firstAttempt ? null : await findAlertResult(deps.prisma, ctx);
  if (prior) return prior;
  const key = alertKeyOf(ctx);
  const { sourceAlertId } = ctx.alert;

  if (ctx.alert.status === "resolved") {
    const resolved = await resolveOnceOpened(deps.dedup, ctx, (hold) =>
      orPrior(deps, ctx, () => resolveFromSource(deps, ctx, hold)),
    );
    await deps.dedup.release(key);
    if (resolved && "outcome" in resolved) return resolved;
    if (resolved) deps.publisher.announce(ctx.tenantId);
    return toResult(sourceAlertId, resolved ? "resolved" : "ignored", resolved);
  }

  let tryCreate = await deps.dedup.claim(key, ctx.receivedAt);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (tryCreate) {
      const suppressed = await silenceOrReopen(deps, ctx);
      if (suppressed) return suppressed;
      try {
        const incident = await openIncidentFromAlert(deps, ctx);
        deps.publisher.announce(ctx.tenantId);
        return toResult(sourceAlertId, "created", incident);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another delivery opened the incident first, or an earlier attempt of this job did.
        const done = await findAlertResult(deps.prisma, ctx);
        if (done) return done;
      }
    }
    const duplicate = await orPrior(deps, ctx, () => recordDuplicate(deps, ctx));
    if (duplicate && "outcome" in duplicate) return duplicate;
    if (duplicate) {
      deps.publisher.announce(ctx.tenantId);
      return toResult(sourceAlertId, "duplicate", duplicate);
    }
    // The key was claimed but no incident is open (it was just resolved, or Redis kept a stale key).
    tryCreate = true;
  }
  throw new Error(`alert ${sourceAlertId} did not settle after ${MAX_ATTEMPTS} attempts; retrying`);
}

/**
 * What an alert that would open an incident does instead: nothing when a silence matches it
 * (its dedup key is released, so the first alert after the silence opens one), or reopen the
 * incident its source resolved within the tenant's reopen window. Null: open a new incident.
 */
async function silenceOrReopen(deps: ApplyAlertDeps, ctx: AlertContext): Promise<AlertResult | null> {
  const { sourceAlertId } = ctx.alert;
  const silenceId = await findActiveSilence(deps.prisma, ctx.tenantId, { alert: ctx.alert, source: ctx.provider });
  if (silenceId) {
    const recorded = await orPrior(deps, ctx, () => recordSilenced(deps, ctx, silenceId));
    await deps.dedup.release({ tenantId: ctx.tenantId, provider: ctx.provider, sourceAlertId });
    if (recorded && typeof recorded === "object") return recorded;
    deps.publisher.announce(ctx.tenantId);
    return { sourceAlertId, outcome: "silenced", incidentId: null, silenceId };
  }
  const { reopenWindowSeconds } = await readTenantSettings(deps.prisma, ctx.tenantId);
  try {
    const reopened = await reopenIncident(deps, ctx, reopenWindowSeconds);
    if (!reopened) return null;
    deps.publisher.announce(ctx.tenantId);
    return toResult(sourceAlertId, "reopened", reopened);
  } catch (error) {
    // Another incident of the key opened meanwhile: this alert is its duplicate.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Runs `effect`; if a concurrent attempt of the same job already recorded this alert, returns that instead. */
async function orPrior<T>(deps: ApplyAlertDeps, ctx: AlertContext, effect: () => Promise<T>): Promise<T | AlertResult> {
  try {
    return await effect();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const done = await findAlertResult(deps.prisma, ctx);
    if (done) return done;
    throw error;
  }
}
