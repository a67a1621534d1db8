export interface MicroBatchOptions<I = unknown> {
  /** Most items in one run (one statement's rows). */
  maxBatch: number;
  /** Runs in flight at once; while they are, new items gather into the next batch. */
  maxInFlight: number;
  /** Most total weight in one run (e.g. bytes), by `weigh`; an item heavier than this runs alone. */
  maxWeight?: number;
  weigh?: (item: I) => number;
  /** Items with the same key, submitted while one is queued or in flight, share its output (read once). */
  key?: (item: I) => string;
  /** Items settle in the order they were submitted: a run that ends before an earlier one waits for it. */
  ordered?: boolean;
  /**
   * When nothing is in flight, how long the first item waits for others before it runs (0: the
   * next turn of the event loop); a full batch runs at once. For work nobody waits on (triage,
   * investigations): fewer, larger statements.
   */
  lingerMs?: number;
}

/**
 * The batching of background work (triage, investigations): no request waits on it, so an idle
 * batcher lingers 10 ms for more items, and a steady trickle of incidents shares statements too.
 */
export const BACKGROUND_BATCHING = { lingerMs: 10 } as const satisfies Partial<MicroBatchOptions>;

interface Pending<I, O> {
  item: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Natural batching for the hot paths (issue 12): items submitted by concurrent jobs gather while
 * earlier runs are in flight and go out as one run (one set-based statement). An idle batcher runs
 * an item at the next turn of the event loop, so a lone alert waits for no timer (background work
 * may linger instead: `lingerMs`); under load a batch grows to what arrived during one round trip.
 * A failed run rejects each of its items (their jobs retry one by one); `run` returns one output
 * per item, in order.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** The timer of a lingering batch, cleared when the batch fills. */
  private lingering: NodeJS.Timeout | undefined;
  /** When the last run's items have settled (ordered batchers). */
  private lastSettled: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, Promise<O>>();
  private readonly options: MicroBatchOptions<I>;

  /** Options left out are the hot paths' defaults: 64 items a run, two runs in flight. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    options: Partial<MicroBatchOptions<I>> = {},
  ) {
    this.options = { maxBatch: 64, maxInFlight: 2, ...options };
  }

  submit(item: I): Promise<O> {
    const key = this.options.key?.(item);
    const shared = key === undefined ? undefined : this.pending.get(key);
    if (shared) return shared;
    const output = new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
    if (key === undefined) return output;
    this.pending.set(key, output);
    const forget = () => this.pending.delete(key);
    output.then(forget, forget);
    return output;
  }

  private schedule(): void {
    if (this.lingering && this.queue.length >= this.options.maxBatch) {
      clearTimeout(this.lingering);
      this.lingering = undefined;
      this.scheduled = false;
    }
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    const run = () => {
      this.lingering = undefined;
      this.scheduled = false;
      this.flush();
    };
    const linger = this.options.lingerMs ?? 0;
    if (linger > 0 && this.inFlight === 0 && this.queue.length < this.options.maxBatch) this.lingering = setTimeout(run, linger);
    else setImmediate(run);
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight += 1;
      const ran = this.run(batch.map((p) => p.item)).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
      const before = this.lastSettled;
      const ready = this.options.ordered ? ran.finally(() => before) : ran;
      this.lastSettled = ready.then(
        (outputs) => batch.forEach((p, i) => p.resolve(outputs[i] as O)),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
    }
  }

  /** How many queued items the next run takes: up to maxBatch, and maxWeight when set (at least one). */
  private batchLength(): number {
    const { maxBatch, maxWeight, weigh } = this.options;
    const most = Math.min(maxBatch, this.queue.length);
    if (maxWeight === undefined || !weigh) return most;
    let weight = 0;
    for (let n = 0; n < most; n += 1) {
      weight += weigh(this.queue[n]!.item);
      if (weight > maxWeight) return Math.max(1, n);
    }
    return most;
  }
}
