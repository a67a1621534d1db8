import type { InvestigationJob } from "@causeflow/contracts";
import { readAgentContextsOf, type AgentContext, type PrismaClient } from "@causeflow/db";
import { BACKGROUND_BATCHING, MicroBatcher } from "@causeflow/domain";

/**
 * Reads what agent runs need (issue 12): the incidents, investigations and tenant settings of the
 * agent jobs running at once, in one statement per batch instead of three per agent. Null for a
 * job whose investigation is not committed yet (or not of that tenant).
 */
export class AgentContextLoader {
  private readonly batcher: MicroBatcher<InvestigationJob, AgentContext | null>;

  constructor(prisma: PrismaClient) {
    // The agents of one investigation start together: while one's read is queued or in flight,
    // the others share it (read once, not once per agent).
    this.batcher = new MicroBatcher((jobs) => readAgentContextsOf(prisma, jobs), {
      ...BACKGROUND_BATCHING,
      key: (job) => `${job.tenantId}/${job.incidentId}/${job.investigationId}`,
    });
  }

  load(job: InvestigationJob): Promise<AgentContext | null> {
    return this.batcher.submit(job);
  }
}
