import { QUEUE_NAMES, type QueueName } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import { FlowProducer, Queue, type ConnectionOptions } from "bullmq";

/** Where the queues live: a Redis connection and the key prefix (`QUEUE_PREFIX`). */
export interface QueueConnection {
  connection: ConnectionOptions;
  prefix: string;
}

/**
 * The queues of the job catalog, created on first use and shared by every producer of one
 * process; `all()` is what Bull Board and test cleanup list.
 */
export class QueueSet {
  private readonly queues = new Map<QueueName, Queue>();
  private flowProducer: FlowProducer | undefined;

  constructor(
    readonly where: QueueConnection,
    private readonly logger?: Logger,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.where.connection, prefix: this.where.prefix });
      // Every request waiting for a verdict may listen for the queue closing: many at once is normal.
      queue.setMaxListeners(10_000);
      // Connection errors surface on each command as well (503, retries); here they are only logged.
      queue.on("error", (error) => this.logger?.warn({ queue: name, err: error.message }, "queue connection error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Every queue of the catalog. */
  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.get(name));
  }

  /** Adds parent/children job trees (investigation flows). */
  flows(): FlowProducer {
    if (!this.flowProducer) {
      this.flowProducer = new FlowProducer({ connection: this.where.connection, prefix: this.where.prefix });
      this.flowProducer.on("error", (error) => this.logger?.warn({ err: error.message }, "flow producer connection error"));
    }
    return this.flowProducer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.flowProducer?.close();
    this.queues.clear();
    this.flowProducer = undefined;
  }
}
