import type { JobData, JobDefinition } from "@causeflow/contracts";
import type { Job } from "bullmq";
import { jobName, jobOptions } from "./job-options";
import type { QueueSet } from "./queue-set";
import { withTrace } from "./with-trace";

/**
 * Adds a catalog job: the payload is checked against its schema (a wrong payload is a bug, so it
 * throws), the job id makes a repeated enqueue of the same work a no-op.
 */
export async function enqueue<D extends JobDefinition>(
  queues: QueueSet,
  definition: D,
  data: JobData<D>,
  options: { delay?: number } = {},
): Promise<Job<JobData<D>>> {
  const payload = definition.schema.parse(withTrace(data));
  return queues
    .get(definition.queue)
    .add(jobName(definition, payload), payload, { ...jobOptions(definition, payload), ...options });
}
