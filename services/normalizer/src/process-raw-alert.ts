import {
  deliveriesOf,
  encodePayloadRejection,
  JOBS,
  PayloadRejection,
  summarizeOutcome,
  type AlertResult,
  type NormalizedAlert,
  type RawAlertJob,
  type RawAlertsJob,
  type Verdict,
  type VerdictReply,
} from "@causeflow/contracts";
import type { AlertBatcher } from "@causeflow/domain";
import type { Logger } from "@causeflow/logger";
import { inSpan, type Metrics } from "@causeflow/observability";
import { getProvider, parseDelivery, PayloadError } from "@causeflow/providers";
import { enqueue, type QueueSet } from "@causeflow/queues";
import { UnrecoverableError, type Job } from "bullmq";
import type { EarlierJobs } from "./earlier-jobs";
import { EventLog } from "./event-log";

/** Publishes a settled delivery's verdict on the channel of the gateway waiting for it (fire and forget). */
export type ReplyToGateway = (gatewayId: string, reply: VerdictReply) => void;

export interface RawAlertProcessorDeps {
  alerts: AlertBatcher;
  /** The raw-alerts jobs taken by this normalizer and by the others (a resolve's wait for an earlier delivery). */
  jobs: EarlierJobs;
  reply: ReplyToGateway;
  metrics?: Metrics;
  events: EventLog;
  queues: QueueSet;
  logger: Logger;
}

/**
 * The `raw-alerts` job processor. Each delivery of the job, at once (their alerts join the same
 * batches): record it, parse it, apply each alert exactly once (domain `AlertBatcher`), record the
 * verdict, and publish it to the gateway waiting for it (`replyTo`). A delivery that can never
 * succeed is answered (422) and recorded as failed; the job then fails only when it held that
 * delivery alone. Any other error fails the job after its deliveries have settled, so BullMQ
 * retries it: deliveries already processed replay their recorded verdicts.
 */
export function createRawAlertProcessor(deps: RawAlertProcessorDeps) {
  const processDelivery = deliveryProcessor(deps);
  return async function processRawAlerts(data: RawAlertsJob, job: Pick<Job, "id">): Promise<Verdict[]> {
    const jobId = String(job.id);
    const earlierElsewhere = () => deps.jobs.takenBeforeElsewhere(jobId);
    const deliveries = deliveriesOf(data);
    const settled = await deps.jobs.working(jobId, () =>
      Promise.allSettled(
        deliveries.map((delivery) =>
          inSpan(
            "raw-alerts delivery",
            { carrier: delivery.trace, kind: "consumer", attributes: { "causeflow.event_id": delivery.eventId } },
            () => processDelivery(delivery, earlierElsewhere),
          ),
        ),
      ),
    );
    const retry = settled.find((s) => s.status === "rejected" && !(s.reason instanceof UnrecoverableError));
    if (retry) throw (retry as PromiseRejectedResult).reason;
    if (deliveries.length === 1 && settled[0]!.status === "rejected") throw settled[0]!.reason;
    return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  };
}

function deliveryProcessor(deps: RawAlertProcessorDeps) {
  const settle = settleDelivery(deps);
  return async function processDelivery(data: RawAlertJob, earlierElsewhere: () => Promise<boolean>): Promise<Verdict> {
    if (!data.replyTo) return settle(data, earlierElsewhere);
    try {
      const verdict = await settle(data, earlierElsewhere);
      deps.reply(data.replyTo, { eventId: data.eventId, verdict });
      return verdict;
    } catch (error) {
      // A delivery that can never succeed is answered now (422); others are retried, the gateway answers 202.
      if (error instanceof UnrecoverableError) deps.reply(data.replyTo, { eventId: data.eventId, rejection: error.message });
      throw error;
    }
  };
}

function settleDelivery(deps: RawAlertProcessorDeps) {
  return async function settle(data: RawAlertJob, earlierElsewhere: () => Promise<boolean>): Promise<Verdict> {
    const log = deps.logger.child({
      eventId: data.eventId,
      tenantId: data.tenantId,
      provider: data.provider,
      requestId: data.requestId,
    });

    const { event, fresh } = await deps.events.open(data);
    if (event.status === "failed") {
      const stored = PayloadRejection.safeParse(event.error);
      throw new UnrecoverableError(stored.success ? encodePayloadRejection(stored.data) : "delivery failed before");
    }
    const provider = getProvider(data.provider);
    if (!provider) {
      const rejection: PayloadRejection = { error: "invalid_payload", message: `unknown provider ${data.provider}`, issues: [] };
      await deps.events.markFailed(data.eventId, rejection);
      throw new UnrecoverableError(encodePayloadRejection(rejection));
    }

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
      if (parsed.confirmSubscriptionUrl) {
        // Before the event is marked processed: a retry after a crash here enqueues it again (same job id).
        await enqueue(deps.queues, JOBS.snsConfirmation, {
          eventId: data.eventId,
          tenantId: data.tenantId,
          subscribeUrl: parsed.confirmSubscriptionUrl,
        });
      }
    } else {
      const receivedAt = new Date(data.receivedAt);
      // Each alert is applied once even when the job is retried; a processed event replays its results.
      const firstAttempt = fresh && event.status === "received";
      const results = await inKeyOrder(parsed.alerts, (alert, index) =>
        deps.alerts.apply({
          tenantId: data.tenantId,
          provider: data.provider,
          eventId: data.eventId,
          index,
          alert,
          receivedAt,
          firstAttempt,
          requestId: data.requestId,
          earlierElsewhere,
        }),
      );
      const outcome = summarizeOutcome(results);
      const reason = results.every((r) => r.outcome === "ignored") ? "no_open_incident" : "no_new_incident";
      verdict = { eventId: data.eventId, outcome, results, ...(outcome === "ignored" ? { reason } : {}) };
    }
    if (event.status !== "processed") {
      await deps.events.markProcessed(verdict);
      for (const r of verdict.results) deps.metrics?.alerts.inc({ provider: data.provider, outcome: r.outcome });
    }
    log.info(
      { outcome: verdict.outcome, incidentIds: verdict.results.map((r) => r.incidentId).filter(Boolean) },
      "delivery processed",
    );
    return verdict;
  };
}

/**
 * Applies a delivery's alerts: those of different keys at once (a grouped payload of 100 alerts
 * joins one batch), those of one key in the order the delivery lists them (firing, then resolved).
 */
async function inKeyOrder(
  alerts: readonly NormalizedAlert[],
  apply: (alert: NormalizedAlert, index: number) => Promise<AlertResult>,
): Promise<AlertResult[]> {
  const byKey = new Map<string, number[]>();
  alerts.forEach((alert, index) => byKey.set(alert.sourceAlertId, [...(byKey.get(alert.sourceAlertId) ?? []), index]));
  const results: AlertResult[] = new Array(alerts.length);
  await Promise.all(
    [...byKey.values()].map(async (indexes) => {
      for (const index of indexes) results[index] = await apply(alerts[index]!, index);
    }),
  );
  return results;
}
