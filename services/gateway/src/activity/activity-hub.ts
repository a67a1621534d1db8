import { activityChannel } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import type { Redis } from "ioredis";

/** Called when a tenant may have new committed activity. */
export type Wake = () => void;

/**
 * Fans announcements of committed activity (Redis pub/sub, sent by whichever process committed
 * it) out to this gateway's open streams, so any gateway instance serves any client. Streams read
 * the entries themselves from Postgres; a periodic wake covers an announcement that was lost.
 */
export class ActivityHub {
  private readonly listeners = new Map<string, Set<Wake>>();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly subscriber: Redis,
    pollMs: number,
  ) {
    this.timer = setInterval(() => this.wakeAll(), pollMs);
    this.timer.unref();
  }

  /** Subscribes on a dedicated connection (a subscribed Redis connection can do nothing else). */
  static async start(subscriber: Redis, prefix: string, logger: Logger, pollMs = 5_000): Promise<ActivityHub> {
    const hub = new ActivityHub(subscriber, pollMs);
    subscriber.on("message", (_channel: string, tenantId: string) => hub.wake(tenantId));
    // After a reconnect, wake every stream: announcements sent while it was down were missed.
    subscriber.on("ready", () => hub.wakeAll());
    await subscriber.subscribe(activityChannel(prefix));
    logger.debug({ channel: activityChannel(prefix) }, "activity hub subscribed");
    return hub;
  }

  /**
   * Wakes `wake` on the tenant's announcements; returns what stops it. Stopping twice is harmless:
   * a tenant's emptied set is removed only while it is still the tenant's (a newer stream may
   * have made another).
   */
  listen(tenantId: string, wake: Wake): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) {
      set = new Set();
      this.listeners.set(tenantId, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.listeners.get(tenantId) === set) this.listeners.delete(tenantId);
    };
  }

  get streams(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private wake(tenantId: string): void {
    for (const wake of this.listeners.get(tenantId) ?? []) wake();
  }

  private wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    // A subscriber has nothing to flush: dropping it cannot wait on a reconnecting connection.
    this.subscriber.disconnect();
  }
}
