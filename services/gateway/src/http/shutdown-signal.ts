import { setMaxListeners } from "node:events";

/**
 * Set when the gateway starts to stop: requests waiting for a verdict answer 202 at once (their
 * delivery is queued), streams end, and the server closes within its deadline.
 *
 * Waiters listen on an AbortSignal and stop listening when they are done. A promise shared by
 * every request (raced against each verdict, or given a `.then` by each stream) would keep a
 * reaction per request, and with it each request's reply or response, until the gateway stops.
 */
export class ShutdownSignal {
  private readonly controller = new AbortController();

  constructor() {
    // Every request waiting for its verdict listens: Node's warning past 10 listeners would be noise.
    setMaxListeners(Number.POSITIVE_INFINITY, this.controller.signal);
  }

  /** Aborted when the gateway starts to stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get active(): boolean {
    return this.controller.signal.aborted;
  }

  trigger(): void {
    this.controller.abort();
  }

  /**
   * Calls `listener` once when the gateway starts to stop, at once if it has; returns what stops
   * listening (call it when the waiter is done).
   */
  onShutdown(listener: () => void): () => void {
    const signal = this.controller.signal;
    if (signal.aborted) {
      listener();
      return () => {};
    }
    signal.addEventListener("abort", listener, { once: true });
    return () => signal.removeEventListener("abort", listener);
  }

  /** `work`'s value, or "shutdown" as soon as the gateway starts to stop; nothing stays listening after. */
  async race<T>(work: Promise<T>): Promise<T | "shutdown"> {
    let stopListening = () => {};
    const stopped = new Promise<"shutdown">((resolve) => {
      stopListening = this.onShutdown(() => resolve("shutdown"));
    });
    try {
      return await Promise.race([work, stopped]);
    } finally {
      stopListening();
    }
  }
}
