import type { JobData, JobDefinition } from "@causeflow/contracts";
import type { QueueSet } from "./queue-set";

/**
 * Removes a flow's parent job and its children (a flow queued for work that was then refused).
 * Jobs already running are left to finish; callers treat this as best effort.
 */
export async function removeFlow<D extends JobDefinition>(queues: QueueSet, parent: D, data: JobData<D>): Promise<void> {
  await queues.get(parent.queue).remove(parent.jobId(data), { removeChildren: true });
}
