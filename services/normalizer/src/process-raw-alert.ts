import {
  encodePayloadRejection,
  PayloadRejection,
  RawAlertJob,
  summarizeOutcome,
  triageJobId,
  type SnsConfirmationJob,
  type TriageJob,
  type Verdict,
} from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import { getProvider, parseDelivery, PayloadError } from "@causeflow/providers";
import { UnrecoverableError, type Job, type Queue } from "bullmq";
import { applyAlert } from "./apply-alert";
import type { DedupCache } from "./dedup-cache";
import { EventLog } from "./event-log";
import type { IncidentStore } from "./incident-store";

export interface RawAlertProcessorDeps {
  events: EventLog;
  store: IncidentStore;
  dedup: DedupCache;
  triageQueue: Queue<TriageJob>;
  snsConfirmationsQueue: Queue<SnsConfirmationJob>;
  logger: Logger;
}

/**
 * The `raw-alerts` job processor: parse the delivery, apply each alert exactly once, record the
 * verdict, enqueue triage for new incidents, and return the verdict for the waiting gateway.
 * Input that can never succeed fails with UnrecoverableError; anything else is rethrown so BullMQ
 * retries with backoff.
 */
export function createRawAlertProcessor(deps: RawAlertProcessorDeps) {
  return async function processRawAlert(job: Job<RawAlertJob>): Promise<Verdict> {
    const parsedJob = RawAlertJob.safeParse(job.data);
    if (!parsedJob.success) throw new UnrecoverableError(`malformed raw-alerts job: ${parsedJob.error.message}`);
    const data = parsedJob.data;
    const log = deps.logger.child({
      eventId: data.eventId,
      tenantId: data.tenantId,
      provider: data.provider,
      requestId: data.requestId,
    });

    const { event, fresh } = await deps.events.open(data);
    if (event.status === "processed") {
      const verdict = EventLog.verdictOf(event);
      await enqueueTriage(deps, data, verdict);
      return verdict;
    }
    if (event.status === "failed") {
      const stored = PayloadRejection.safeParse(event.error);
      throw new UnrecoverableError(stored.success ? encodePayloadRejection(stored.data) : "delivery failed before");
    }

    const provider = getProvider(data.provider);
    if (!provider) throw new UnrecoverableError(`unknown provider ${data.provider}`);

    let parsed;
    try {
      parsed = parseDelivery(provider, { rawBody: data.rawBody, headers: data.headers, receivedAt: new Date(data.receivedAt) });
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      const rejection: PayloadRejection = { error: "invalid_payload", message: error.message, issues: error.issues };
      await deps.events.markFailed(data.eventId, rejection);
      log.warn({ issues: error.issues }, "payload rejected");
      throw new UnrecoverableError(encodePayloadRejection(rejection));
    }

    let verdict: Verdict;
    if (parsed.kind === "ignored") {
      verdict = { eventId: data.eventId, outcome: "ignored", results: [], reason: parsed.reason };
    } else {
      const results = [];
      for (const [index, alert] of parsed.alerts.entries()) {
        const ctx = {
          tenantId: data.tenantId,
          provider: data.provider,
          eventId: data.eventId,
          index,
          alert,
          receivedAt: new Date(data.receivedAt),
          firstAttempt: fresh,
        };
        results.push(await applyAlert(ctx, deps.store, deps.dedup));
      }
      const outcome = summarizeOutcome(results);
      const reason = results.every((r) => r.outcome === "ignored") ? "no_open_incident" : "no_new_incident";
      verdict = { eventId: data.eventId, outcome, results, ...(outcome === "ignored" ? { reason } : {}) };
    }
    if (parsed.kind === "ignored" && parsed.confirmSubscriptionUrl) {
      // Before the event is marked processed: a retry after a crash here enqueues it again (same job id).
      const job = { eventId: data.eventId, tenantId: data.tenantId, subscribeUrl: parsed.confirmSubscriptionUrl };
      await deps.snsConfirmationsQueue.add("confirm", job, { jobId: `sns-confirm-${data.eventId}`, attempts: 3 });
    }
    await deps.events.markProcessed(verdict);
    await enqueueTriage(deps, data, verdict);
    log.info(
      { outcome: verdict.outcome, incidentIds: verdict.results.map((r) => r.incidentId).filter(Boolean) },
      "delivery processed",
    );
    return verdict;
  };
}

/** One triage job per created incident; the job id makes a retried enqueue a no-op. */
async function enqueueTriage(deps: RawAlertProcessorDeps, job: RawAlertJob, verdict: Verdict): Promise<void> {
  const created = verdict.results.filter((r) => r.outcome === "created" && r.incidentId);
  await Promise.all(
    created.map((r) =>
      deps.triageQueue.add(
        "triage",
        { incidentId: r.incidentId!, tenantId: job.tenantId, eventId: job.eventId, requestId: job.requestId },
        { jobId: triageJobId(r.incidentId!) },
      ),
    ),
  );
}
