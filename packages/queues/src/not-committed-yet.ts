import type { Job } from "bullmq";

/** How long a job waits for the transaction that queued it to commit before its subject counts as gone. */
export const COMMIT_GRACE_MS = 60_000;

/**
 * Thrown by a processor whose subject (an incident, an investigation) is not visible yet: its
 * job was queued inside the transaction that creates it, which has not committed. Always retried.
 */
export class NotCommittedYet extends Error {
  override name = "NotCommittedYet";
}

/**
 * Call when a job's subject is missing: throws NotCommittedYet while the job is young enough that
 * its transaction may still commit; afterwards returns, and the caller treats the subject as gone
 * (the transaction rolled back).
 */
export function awaitCommit(job: Pick<Job, "timestamp">, what: string): void {
  if (Date.now() - job.timestamp < COMMIT_GRACE_MS) throw new NotCommittedYet(`${what} is not committed yet; retrying`);
}
