import { readChangesOf, type Change, type ChangeWindow, type PrismaClient } from "@causeflow/db";
import { MicroBatcher } from "@causeflow/domain";

/**
 * The changes agents look at (issue 12): the windows of concurrent agent runs are read in one
 * statement, and a window already being read is not read again (change_detector and
 * remediation_planner of one investigation ask for the same one at about the same time).
 */
export class ChangeReader {
  private readonly batcher: MicroBatcher<ChangeWindow, Change[]>;
  private readonly reading = new Map<string, Promise<Change[]>>();

  constructor(prisma: PrismaClient) {
    this.batcher = new MicroBatcher((windows) => readChangesOf(prisma, windows));
  }

  /** The changes in the window, latest first. */
  read(window: ChangeWindow): Promise<Change[]> {
    const key = JSON.stringify([window.tenantId, window.service, window.environment, window.from, window.to]);
    let pending = this.reading.get(key);
    if (!pending) {
      pending = this.batcher.submit(window).finally(() => this.reading.delete(key));
      this.reading.set(key, pending);
    }
    return pending;
  }
}
