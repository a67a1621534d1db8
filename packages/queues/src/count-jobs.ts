import type { QueueSet } from "./queue-set";

const STATES = ["waiting", "active", "delayed", "failed"] as const;

/** Jobs by queue and state, for every queue of the catalog (what causeflow_queue_jobs reports). */
export async function countJobs(queues: QueueSet): Promise<Record<string, Record<string, number>>> {
  const counts = await Promise.all(queues.all().map(async (queue) => [queue.name, await queue.getJobCounts(...STATES)] as const));
  return Object.fromEntries(counts);
}
