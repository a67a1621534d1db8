import type { Worker } from "bullmq";

/** Workers closed by force: a job of theirs that finishes afterwards never settles (see createWorker). */
export const forceClosed = new WeakSet<Worker>();

/** How long a forced close may take before the worker's connections are dropped. */
const FORCE_CLOSE_MS = 2_000;

/**
 * Stops workers within a deadline: they take no new job and finish their active ones; past the
 * deadline they are closed by force, and their jobs' locks expire so another worker retries them.
 * A forced close can itself hang while a connection is reconnecting (bullmq#4656); after a
 * further FORCE_CLOSE_MS its connections are dropped, so shutdown always ends.
 */
export async function closeWorkers(workers: readonly Worker[], deadlineMs: number): Promise<"drained" | "forced"> {
  const drained = Promise.all(workers.map((w) => w.close())).then(() => "drained" as const);
  const outcome = await within(drained, deadlineMs, "forced" as const);
  if (outcome === "forced") {
    await Promise.all(
      workers.map(async (w) => {
        forceClosed.add(w);
        const closed = await within(
          w.close(true).then(
            () => true,
            () => true,
          ),
          FORCE_CLOSE_MS,
          false,
        );
        if (!closed)
          await within(
            w.disconnect().catch(() => undefined),
            FORCE_CLOSE_MS,
            undefined,
          );
      }),
    );
  }
  return outcome;
}

/** `work`'s result, or `otherwise` once `ms` have passed. */
async function within<T, U>(work: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
