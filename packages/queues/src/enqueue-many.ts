import type { JobData, JobDefinition } from "@causeflow/contracts";
import { jobName, jobOptions } from "./job-options";
import type { QueueSet } from "./queue-set";
import { withTrace } from "./with-trace";

/** Adds many jobs of one catalog definition in one round trip; each keeps its deterministic id. */
export async function enqueueMany<D extends JobDefinition>(
  queues: QueueSet,
  definition: D,
  items: readonly JobData<D>[],
): Promise<void> {
  if (items.length === 0) return;
  const jobs = items.map((item) => {
    const data = definition.schema.parse(withTrace(item));
    return { name: jobName(definition, data), data, opts: jobOptions(definition, data) };
  });
  await queues.get(definition.queue).addBulk(jobs);
}
