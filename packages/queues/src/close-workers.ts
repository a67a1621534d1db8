import type { Worker } from "bullmq";

/**
 * Stops workers within a deadline: they take no new job and finish their active ones; past the
 * deadline they are closed by force, and their jobs' locks expire so another worker retries them.
 */
export async function closeWorkers(workers: readonly Worker[], deadlineMs: number): Promise<"drained" | "forced"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"forced">((resolve) => {
    timer = setTimeout(() => resolve("forced"), deadlineMs);
  });
  const drained = Promise.all(workers.map((w) => w.close())).then(() => "drained" as const);
  const outcome = await Promise.race([drained, deadline]);
  clearTimeout(timer);
  if (outcome === "forced") await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
  return outcome;
}
