import type { SnsConfirmationJob } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { isSnsUrl } from "@causeflow/providers";
import { UnrecoverableError, type Job } from "bullmq";

/** GETs a URL and gives its status; injectable so tests never reach the network. */
export type HttpGet = (url: string, timeoutMs: number) => Promise<{ status: number }>;

export const httpGet: HttpGet = async (url, timeoutMs) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  await res.body?.cancel();
  return { status: res.status };
};

/** SNS gives up on a confirmation GET after a few seconds; so do we. */
export const CONFIRM_TIMEOUT_MS = 5000;

/**
 * The `sns-confirmations` job processor: confirms a verified SubscriptionConfirmation by GET of its
 * SubscribeURL (SNS hosts only) and records the outcome on the delivery's AlertEvent. A failed GET
 * is recorded, then retried by BullMQ.
 */
export function createConfirmSubscriptionProcessor(deps: { prisma: PrismaClient; httpGet: HttpGet; logger: Logger }) {
  return async function confirmSubscription(data: SnsConfirmationJob, job: Job): Promise<{ status: number }> {
    const { eventId, subscribeUrl } = data;
    if (!isSnsUrl(subscribeUrl)) throw new UnrecoverableError("SubscribeURL is not on an SNS host; not visited");
    let outcome: { confirmed: boolean; httpStatus?: number; error?: string };
    try {
      const { status } = await deps.httpGet(subscribeUrl, CONFIRM_TIMEOUT_MS);
      outcome = { confirmed: status >= 200 && status < 300, httpStatus: status };
    } catch (error) {
      outcome = { confirmed: false, error: (error as Error).message };
    }
    const followUp = {
      kind: "sns_subscription_confirmation",
      ...outcome,
      attempts: job.attemptsMade + 1,
      at: new Date().toISOString(),
    };
    await deps.prisma.alertEvent.update({ where: { id: eventId }, data: { followUp } });
    if (!outcome.confirmed) throw new Error(`SNS subscription not confirmed: ${outcome.error ?? `HTTP ${outcome.httpStatus}`}`);
    deps.logger.info({ eventId }, "SNS subscription confirmed");
    return { status: outcome.httpStatus! };
  };
}
