import {
  failDelivery,
  readDeliveriesToSend,
  recordDeliveryAttempts,
  type DeliveryAttempt,
  type DeliveryToSend,
  type PrismaClient,
  type RecordedAttempt,
} from "@causeflow/db";
import { MicroBatcher, type MicroBatchOptions } from "@causeflow/domain";

/**
 * The notifications job's reads and writes, shared by the worker's concurrent jobs (issue 12: a
 * statement's round trip cost the notifier and PostgreSQL more CPU than its work). Reads of
 * deliveries submitted while one is in flight go out as one statement, as do their attempts; a
 * lone delivery goes at once. A failed statement fails each of its jobs, which retry.
 */
export class DeliveryStore {
  private readonly reads: MicroBatcher<string, DeliveryToSend | null>;
  private readonly attempts: MicroBatcher<RecordedAttempt, void>;

  constructor(
    private readonly prisma: PrismaClient,
    options?: Partial<MicroBatchOptions>,
  ) {
    this.reads = new MicroBatcher<string, DeliveryToSend | null>(async (ids) => {
      const byId = new Map((await readDeliveriesToSend(prisma, ids)).map((d) => [d.id, d]));
      return ids.map((id) => byId.get(id) ?? null);
    }, options);
    this.attempts = new MicroBatcher<RecordedAttempt, void>(async (batch) => {
      await recordDeliveryAttempts(prisma, batch);
      return batch.map(() => undefined);
    }, options);
  }

  /** The delivery with everything sending it needs; null when there is none (its channel was deleted). */
  read(deliveryId: string): Promise<DeliveryToSend | null> {
    return this.reads.submit(deliveryId);
  }

  /** Records one attempt: counted, with the response and the status it leaves. */
  record(deliveryId: string, attempt: DeliveryAttempt): Promise<void> {
    return this.attempts.submit({ deliveryId, ...attempt });
  }

  /** Fails a delivery that can never be sent, saying why (rare: not batched). */
  fail(deliveryId: string, reason: string): Promise<void> {
    return failDelivery(this.prisma, deliveryId, reason);
  }
}
