import { JOBS, type TriageTarget } from "@causeflow/contracts";
import { enqueue, type QueueSet } from "@causeflow/queues";

/** Queues the triage of new incidents, in one job; its id makes a repeated call a no-op. */
export async function enqueueTriage(queues: QueueSet, incidents: readonly TriageTarget[]): Promise<void> {
  if (incidents.length === 0) return;
  await enqueue(queues, JOBS.triage, { incidents: [...incidents] });
}
