import type { NotificationJob } from "@causeflow/contracts";
import { openChannelConfig, type SecretBox } from "@causeflow/domain";
import type { Logger } from "@causeflow/logger";
import { sendToChannel, type ChannelSenderDeps } from "@causeflow/notify";
import type { RetryAfter } from "@causeflow/queues";
import { UnrecoverableError, type Job } from "bullmq";
import type { DeliveryStore } from "./delivery-store";
import { notificationSubject } from "./notification-subject";

/** How long a delivery is retried (contract §8). */
export const DELIVERY_RETRY_MS = 24 * 3600 * 1000;

export interface DeliveryDeps {
  store: DeliveryStore;
  secrets: SecretBox;
  sender: ChannelSenderDeps;
  publicUrl: string;
  logger: Logger;
  /** Counts outcomes (metrics); optional. */
  onOutcome?: (type: string, outcome: "delivered" | "retried" | "failed") => void;
}

/**
 * The `notifications` job: one attempt to deliver one activity entry to one channel, recorded on
 * its Delivery row. Connection errors, 5xx and 429 are retried with backoff (honouring
 * Retry-After) for 24 h; other 4xx and refused URLs fail at once. A delivery already made, or of
 * a channel deleted meanwhile, is not sent again.
 */
export function createDeliveryProcessor(deps: DeliveryDeps) {
  return async function deliver(data: NotificationJob, job: Job): Promise<{ delivered: boolean; responseStatus: number | null }> {
    const delivery = await deps.store.read(data.deliveryId);
    if (!delivery || delivery.status !== "pending")
      return { delivered: delivery?.status === "delivered", responseStatus: delivery?.responseStatus ?? null };
    const log = deps.logger.child({ deliveryId: delivery.id, channelId: delivery.channelId, tenantId: delivery.tenantId });
    const { channel, entry: row } = delivery;
    if (!channel.enabled || !row) {
      const why = !row ? "the activity entry no longer exists" : "the channel is disabled";
      await deps.store.fail(delivery.id, why);
      deps.onOutcome?.(channel.type, "failed");
      throw new UnrecoverableError(why);
    }
    const subject = notificationSubject(row, delivery, deps.publicUrl);
    const result = await sendToChannel(deps.sender, openChannelConfig(deps.secrets, channel.configEnc), subject, delivery.id);
    const attempt = { responseStatus: result.responseStatus, error: result.error };
    if (result.delivered) {
      await deps.store.record(delivery.id, { ...attempt, status: "delivered" });
      deps.onOutcome?.(channel.type, "delivered");
      log.info({ responseStatus: result.responseStatus }, "notification delivered");
      return { delivered: true, responseStatus: result.responseStatus };
    }
    const final = !result.retryable || Date.now() - job.timestamp >= DELIVERY_RETRY_MS;
    await deps.store.record(delivery.id, { ...attempt, status: final ? "failed" : null });
    deps.onOutcome?.(channel.type, final ? "failed" : "retried");
    log.warn(
      { responseStatus: result.responseStatus, err: result.error, final },
      final ? "notification failed" : "notification will be retried",
    );
    if (final) throw new UnrecoverableError(result.error ?? "not delivered");
    throw Object.assign(new Error(result.error ?? "not delivered"), { retryAfterMs: result.retryAfterMs } satisfies RetryAfter);
  };
}
