import { deliveryEventId, JOBS, newId, type RawAlertJob } from "@causeflow/contracts";
import { MicroBatcher } from "@causeflow/domain";
import { traceCarrier } from "@causeflow/observability";
import { enqueue, type QueueSet } from "@causeflow/queues";
import type { VerdictListener, VerdictWait } from "./verdict-listener";

/** A delivery to queue; its event id is given when its job is formed. */
export type PendingDelivery = Omit<RawAlertJob, "eventId" | "replyTo" | "trace"> & {
  /** How long the request waits for the verdict (0: not at all). */
  waitMs: number;
};

/** A queued delivery: its event id, and the wait for its verdict when one was asked for. */
export interface QueuedDelivery {
  eventId: string;
  wait: VerdictWait | null;
}

/** Deliveries in one job at most, and their bodies' total size (a larger delivery goes alone). */
export const MAX_DELIVERIES_PER_JOB = 32;
export const MAX_JOB_BODY_BYTES = 64 * 1024;

/**
 * Queues webhook deliveries as `raw-alerts` jobs (issue 12): deliveries accepted while this
 * gateway's previous job is being added go out together as the next job, so a storm costs one
 * BullMQ job (one Redis script here, two in the normalizer) per batch rather than per alert, and
 * an idle gateway still queues a lone delivery at once. A request is answered only after its job
 * is in Redis; a failed add fails every request of the batch (none was acknowledged).
 */
export class DeliveryQueue {
  private readonly batcher: MicroBatcher<{ delivery: PendingDelivery; trace?: Record<string, string> }, QueuedDelivery>;

  constructor(queues: QueueSet, verdicts: VerdictListener) {
    this.batcher = new MicroBatcher(
      async (items) => {
        const jobId = newId("event");
        const queued = items.map(({ delivery }, index) => {
          const eventId = deliveryEventId(jobId, index);
          // Listening starts before the job is queued, so a verdict faster than the add is not missed.
          return { eventId, wait: delivery.waitMs > 0 ? verdicts.wait(eventId, delivery.waitMs) : null };
        });
        const deliveries: RawAlertJob[] = items.map(({ delivery, trace }, index) => {
          const { waitMs: _waitMs, ...rest } = delivery;
          return {
            ...rest,
            eventId: queued[index]!.eventId,
            ...(queued[index]!.wait ? { replyTo: verdicts.id } : {}),
            ...(trace ? { trace } : {}),
          };
        });
        try {
          await enqueue(queues, JOBS.rawAlert, { deliveries });
        } catch (error) {
          for (const { wait } of queued) wait?.cancel();
          throw error;
        }
        return queued;
      },
      {
        maxBatch: MAX_DELIVERIES_PER_JOB,
        maxInFlight: 2,
        maxWeight: MAX_JOB_BODY_BYTES,
        weigh: ({ delivery }) => delivery.rawBody.length,
      },
    );
  }

  /** Queues a delivery (with the trace of the request that received it); resolves once its job is in Redis. */
  add(delivery: PendingDelivery): Promise<QueuedDelivery> {
    return this.batcher.submit({ delivery, trace: traceCarrier() });
  }
}
