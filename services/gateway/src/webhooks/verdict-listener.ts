import { randomBytes } from "node:crypto";
import { VerdictReply, verdictChannel } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import type { Redis } from "ioredis";

/** A wait for one delivery's verdict: the reply, or null when the wait ran out. */
export interface VerdictWait {
  reply: Promise<VerdictReply | null>;
  cancel(): void;
}

/**
 * This gateway's verdict channel (issue 12: replaces BullMQ QueueEvents, where every gateway read
 * every completion). A delivery that waits names the channel in its job (`replyTo`); the normalizer
 * publishes its verdict there, so each gateway hears only its own, however many run. A lost reply
 * (Redis restarted, gateway reconnecting) costs only the wait: the sender gets 202, the delivery
 * is queued and processed all the same.
 */
export class VerdictListener {
  /** Names this gateway instance in jobs' `replyTo`. */
  readonly id = `gw_${randomBytes(9).toString("base64url")}`;
  private readonly waiting = new Map<string, (reply: VerdictReply | null) => void>();

  private constructor(private readonly subscriber: Redis) {}

  /** Subscribes on a dedicated connection (a subscribed Redis connection can do nothing else). */
  static async start(subscriber: Redis, prefix: string, logger: Logger): Promise<VerdictListener> {
    const listener = new VerdictListener(subscriber);
    subscriber.on("message", (_channel: string, message: string) => listener.deliver(message, logger));
    await subscriber.subscribe(verdictChannel(prefix, listener.id));
    return listener;
  }

  /** Starts waiting for `eventId` (before its job is queued, so a fast verdict is not missed). */
  wait(eventId: string, ms: number): VerdictWait {
    let settle!: (reply: VerdictReply | null) => void;
    const reply = new Promise<VerdictReply | null>((resolve) => {
      const timer = setTimeout(() => settle(null), ms);
      settle = (value) => {
        clearTimeout(timer);
        if (this.waiting.get(eventId) === settle) this.waiting.delete(eventId);
        resolve(value);
      };
    });
    this.waiting.set(eventId, settle);
    return { reply, cancel: () => settle(null) };
  }

  get pending(): number {
    return this.waiting.size;
  }

  async close(): Promise<void> {
    for (const settle of [...this.waiting.values()]) settle(null);
    this.subscriber.disconnect();
  }

  private deliver(message: string, logger: Logger): void {
    let parsed: VerdictReply;
    try {
      parsed = VerdictReply.parse(JSON.parse(message));
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "unreadable verdict reply ignored");
      return;
    }
    this.waiting.get(parsed.eventId)?.(parsed);
  }
}
