import { newId, type AlertResult, type IncidentStatus, type Severity } from "@causeflow/contracts";
import {
  countDuplicates,
  insertNewIncidents,
  recordSilencedAlerts,
  reopenResolvedIncidents,
  resolveOpenIncidents,
  type AlertRow,
  type AppliedAlertRow,
  type NewIncidentRow,
} from "@causeflow/db/batch";
import { KeyTurns } from "../batch/key-turns";
import { MicroBatcher, type MicroBatchOptions } from "../batch/micro-batcher";
import { enqueueTriage } from "../incidents/enqueue-triage";
import { loadActiveSilences } from "../silences/find-active-silence";
import { alertRecordId, type AlertContext } from "./alert-context";
import { alertKeyOf, type AlertKey } from "./dedup-cache";
import { applyAlert, type ApplyAlertDeps } from "./apply-alert";
import { createdEntry, incidentFieldsOf } from "./open-incident-from-alert";
import { HELD, resolveOnceOpened, RESOLVE_WAIT_MS } from "./resolve-once-opened";

/** What a batch did for one alert; null: the alert goes the one-by-one way (applyAlert). */
type Settled = AlertResult | null;

/** A resolve to apply; `hold`: its key is claimed by an alert before it, so with nothing open it is held, not ignored. */
interface ResolveItem {
  ctx: AlertContext;
  hold: boolean;
}

export interface AlertBatcherOptions {
  /** Each statement's batching (the hot paths' defaults when left out). */
  batch?: Partial<Pick<MicroBatchOptions, "maxBatch" | "maxInFlight">>;
  /** How long a resolve waits for the incident a firing alert of its key is opening (resolveOnceOpened). */
  resolveWaitMs?: number;
}

/**
 * applyAlert for a storm (issue 12): the common cases of fresh deliveries, a new incident, a
 * duplicate of an open one, a resolve, a flapping key's reopen or an alert a silence matches,
 * are applied for many alerts at once, one set-based statement per micro-batch
 * (packages/db/src/batch). Everything else goes the one-by-one way, with the same guarantees:
 * retried jobs (whose alerts may be applied already) and rows a batch skipped because another
 * delivery got there first. A key's alerts take effect in the order they are applied, within this
 * process (KeyTurns says how, and ARCHITECTURE where that order ends).
 */
export class AlertBatcher {
  /** How many alerts each way took (the bench and tests read it). */
  readonly applied = { batched: 0, oneByOne: 0 };
  /** How many times a resolve found nothing open and was held (resolveOnceOpened; tests read it). */
  resolvesHeld = 0;
  private readonly creates: MicroBatcher<AlertContext, Settled>;
  private readonly duplicates: MicroBatcher<AlertContext, Settled>;
  private readonly resolves: MicroBatcher<ResolveItem, Settled | typeof HELD>;
  private readonly resolveWaitMs: number;
  /** Each key's alerts in order; exposed for tests (nothing is kept once a key's alerts are applied). */
  readonly turns = new KeyTurns();

  constructor(
    private readonly deps: ApplyAlertDeps,
    options: AlertBatcherOptions = {},
  ) {
    this.creates = new MicroBatcher((batch) => this.openIncidents(batch), options.batch);
    this.duplicates = new MicroBatcher((batch) => this.countDuplicates(batch), options.batch);
    this.resolves = new MicroBatcher((batch) => this.resolveIncidents(batch), options.batch);
    this.resolveWaitMs = options.resolveWaitMs ?? RESOLVE_WAIT_MS;
  }

  async apply(ctx: AlertContext): Promise<AlertResult> {
    if (!ctx.firstAttempt) return this.oneByOne(ctx);
    const key = alertKeyOf(ctx);
    const firing = ctx.alert.status !== "resolved";
    return this.turns.take(JSON.stringify(Object.values(key)), firing, () => this.applyFresh(ctx, key));
  }

  /** A fresh delivery's alert, in its key's turn: batched where a statement covers its case. */
  private async applyFresh(ctx: AlertContext, key: AlertKey): Promise<AlertResult> {
    let settled: Settled;
    if (ctx.alert.status === "resolved") {
      const attempt = async (hold: boolean) => {
        const outcome = await this.resolves.submit({ ctx, hold });
        if (outcome === HELD) this.resolvesHeld += 1;
        return outcome;
      };
      settled = await resolveOnceOpened(this.deps.dedup, ctx, attempt, this.resolveWaitMs);
      // As applyAlert does: the key's next firing alert opens a new incident.
      if (settled) await this.deps.dedup.release(key);
    } else {
      const claimed = await this.deps.dedup.claim(key, ctx.receivedAt);
      settled = await (claimed ? this.creates : this.duplicates).submit(ctx);
      // Nothing open under another's claim (a silenced key, or a claim left behind): as applyAlert does, open one.
      if (!settled && !claimed) settled = await this.creates.submit(ctx);
    }
    if (!settled) return this.oneByOne(ctx);
    this.applied.batched += 1;
    // An ignored resolve changed nothing anyone follows.
    if (settled.outcome !== "ignored") this.deps.publisher.announce(ctx.tenantId);
    return settled;
  }

  private oneByOne(ctx: AlertContext): Promise<AlertResult> {
    this.applied.oneByOne += 1;
    return applyAlert(this.deps, ctx);
  }

  private async openIncidents(batch: AlertContext[]): Promise<Settled[]> {
    const silences = await loadActiveSilences(
      this.deps.prisma,
      batch.map((ctx) => ctx.tenantId),
    );
    const silenceIds = batch.map((ctx) => silences.get(ctx.tenantId)!({ alert: ctx.alert, source: ctx.provider }));
    const rows = batch.map((ctx, i) => (silenceIds[i] ? null : newIncidentRow(ctx)));
    const opened = await insertNewIncidents(
      this.deps.prisma,
      rows.filter((row) => row !== null),
    );
    // Silenced: recorded, and the key released, so the first alert after the silence opens an incident.
    const silenced = batch.flatMap((ctx, i) => {
      const silenceId = silenceIds[i];
      return silenceId ? [{ ...alertRow(ctx), silenceId, title: ctx.alert.title }] : [];
    });
    await recordSilencedAlerts(this.deps.prisma, silenced);
    await Promise.all(silenced.map((row) => this.deps.dedup.release({ ...row, provider: row.source })));
    // One triage job for the batch's new incidents. If Redis cannot take it, the batch fails and
    // each delivery's retry (applyAlert) finds its incident and queues its triage.
    await enqueueTriage(
      this.deps.queues,
      batch.flatMap((ctx, i) => {
        const row = rows[i];
        if (!row || !opened.has(row.id)) return [];
        return [{ incidentId: row.id, tenantId: ctx.tenantId, eventId: ctx.eventId, requestId: ctx.requestId }];
      }),
    );
    // Rows the insert skipped: a key whose source resolved it within the reopen window reopens it.
    const skipped = batch.filter((_ctx, i) => rows[i] && !opened.has(rows[i]!.id));
    const reopened = settledBy(
      skipped,
      "reopened",
      skipped.length ? await reopenResolvedIncidents(this.deps.prisma, skipped.map(alertRow)) : [],
    );
    const reopenedOf = new Map(skipped.map((ctx, i) => [ctx, reopened[i]!]));
    return batch.map((ctx, i): Settled => {
      const { sourceAlertId, title, severity } = ctx.alert;
      const silenceId = silenceIds[i];
      if (silenceId) return { sourceAlertId, outcome: "silenced", incidentId: null, silenceId };
      const row = rows[i]!;
      if (!opened.has(row.id)) return reopenedOf.get(ctx) ?? null;
      return { sourceAlertId, outcome: "created", incidentId: row.id, title, severity, status: "open" };
    });
  }

  private async countDuplicates(batch: AlertContext[]): Promise<Settled[]> {
    return settledBy(batch, "duplicate", await countDuplicates(this.deps.prisma, batch.map(alertRow)));
  }

  private async resolveIncidents(items: ResolveItem[]): Promise<(Settled | typeof HELD)[]> {
    const batch = items.map((item) => item.ctx);
    const hold = new Set(items.flatMap((item) => (item.hold ? [alertRecordId(item.ctx)] : [])));
    const { resolved, ignored, held } = await resolveOpenIncidents(this.deps.prisma, batch.map(alertRow), hold);
    const [nothingOpen, waiting] = [new Set(ignored), new Set(held)];
    return settledBy(batch, "resolved", resolved).map((settled, i) => {
      const ctx = batch[i]!;
      if (waiting.has(alertRecordId(ctx))) return HELD;
      if (settled || !nothingOpen.has(alertRecordId(ctx))) return settled;
      return { sourceAlertId: ctx.alert.sourceAlertId, outcome: "ignored", incidentId: null };
    });
  }
}

/** Each alert's result from the rows a statement applied (by record id); null for those it left. */
function settledBy(batch: AlertContext[], outcome: "duplicate" | "resolved" | "reopened", applied: AppliedAlertRow[]): Settled[] {
  const byRecord = new Map(applied.map((row) => [row.recordId, row]));
  return batch.map((ctx) => {
    const row = byRecord.get(alertRecordId(ctx));
    if (!row) return null;
    const { incidentId, title } = row;
    const [severity, status] = [row.severity as Severity, row.status as IncidentStatus];
    return { sourceAlertId: ctx.alert.sourceAlertId, outcome, incidentId, title, severity, status };
  });
}

/** An alert's key, record and payload, as the batched statements take them. */
function alertRow(ctx: AlertContext): AlertRow {
  return {
    tenantId: ctx.tenantId,
    source: ctx.provider,
    sourceAlertId: ctx.alert.sourceAlertId,
    receivedAt: ctx.receivedAt,
    recordId: alertRecordId(ctx),
    eventId: ctx.eventId,
    normalized: ctx.alert,
  };
}

/** The rows of a new incident, as openIncidentFromAlert writes them. */
function newIncidentRow(ctx: AlertContext): NewIncidentRow {
  const { alert } = ctx;
  const entry = createdEntry(ctx);
  return {
    id: newId("incident"),
    ...incidentFieldsOf(ctx),
    receivedAt: ctx.receivedAt,
    recordId: alertRecordId(ctx),
    eventId: ctx.eventId,
    normalized: alert,
    message: entry.message,
    activityData: entry.event.data,
  };
}
