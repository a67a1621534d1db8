import { MicroBatcher } from "@causeflow/domain";
import type { Queue } from "bullmq";

/**
 * The raw-alerts jobs this normalizer is working on, and whether another normalizer is still
 * working on one it took off the queue before a given job: a resolve that finds nothing open waits
 * for such a job, whose firing alerts may not have claimed their keys yet (ARCHITECTURE, "A key's
 * alerts take effect in the order they came"). BullMQ moves a job into its queue's active list as a
 * worker takes it, the latest first, and out of it when the job is finished or goes back to the
 * queue, so the jobs after a job in that list were taken before it. Reads asked for at once share
 * one read of the list, made after they were asked.
 */
export class EarlierJobs {
  private readonly mine = new Set<string>();
  private readonly reads: MicroBatcher<string, boolean>;

  constructor(queue: Pick<Queue, "getRanges">) {
    this.reads = new MicroBatcher(async (jobIds) => {
      const active = await queue.getRanges(["active"], 0, -1, true); // the earliest taken first
      return jobIds.map((jobId) => active.slice(0, Math.max(active.indexOf(jobId), 0)).some((id) => !this.mine.has(id)));
    });
  }

  /** Runs a job's work, known as this normalizer's while it lasts. */
  async working<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    this.mine.add(jobId);
    try {
      return await work();
    } finally {
      this.mine.delete(jobId);
    }
  }

  /** Whether a job another normalizer took before `jobId` is still active (false when `jobId` is not: nothing to wait for). */
  takenBeforeElsewhere(jobId: string): Promise<boolean> {
    return this.reads.submit(jobId);
  }
}
