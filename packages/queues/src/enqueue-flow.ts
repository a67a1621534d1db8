import type { JobData, JobDefinition } from "@causeflow/contracts";
import { jobName, jobOptions } from "./job-options";
import type { QueueSet } from "./queue-set";
import { withTrace } from "./with-trace";

export interface FlowNode<D extends JobDefinition = JobDefinition> {
  definition: D;
  data: JobData<D>;
}

/**
 * Adds a parent job that runs once all its children have finished; a child that fails for good
 * is ignored by the parent (it reads the failures itself), so one agent never blocks the rest.
 */
export async function enqueueFlow(queues: QueueSet, parent: FlowNode, children: readonly FlowNode[]): Promise<void> {
  const node = ({ definition, data }: FlowNode) => {
    const payload = definition.schema.parse(withTrace(data));
    return {
      name: jobName(definition, payload),
      queueName: definition.queue,
      data: payload,
      opts: jobOptions(definition, payload),
    };
  };
  await queues.flows().add({
    ...node(parent),
    children: children.map((child) => {
      const built = node(child);
      return { ...built, opts: { ...built.opts, ignoreDependencyOnFailure: true } };
    }),
  });
}
