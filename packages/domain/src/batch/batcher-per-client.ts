import type { DomainDeps } from "../domain-deps";
import { MicroBatcher, type MicroBatchOptions } from "./micro-batcher";

type Client = DomainDeps["prisma"];

/**
 * An operation's statement shared by its concurrent callers (issue 12): one MicroBatcher per
 * database client, so the calls of one process's jobs on the same client go out together, one
 * statement and one commit per micro-batch, while the operation keeps its one-call signature.
 */
export function batcherPerClient<I, O>(
  run: (prisma: Client, items: I[]) => Promise<O[]>,
  options?: Partial<MicroBatchOptions<I>>,
): (prisma: Client) => MicroBatcher<I, O> {
  const batchers = new WeakMap<Client, MicroBatcher<I, O>>();
  return (prisma) => {
    let batcher = batchers.get(prisma);
    if (!batcher) {
      batcher = new MicroBatcher((items) => run(prisma, items), options);
      batchers.set(prisma, batcher);
    }
    return batcher;
  };
}
