import { JOBS } from "@causeflow/contracts";
import { enqueue, type QueueSet } from "@causeflow/queues";

/** Queues the triage of a new incident; its job id makes a repeated call a no-op. */
export async function enqueueTriage(
  queues: QueueSet,
  incident: { incidentId: string; tenantId: string; eventId?: string; requestId?: string },
): Promise<void> {
  await enqueue(queues, JOBS.triage, incident);
}
