import type { InvestigationJob } from "@causeflow/contracts";
import {
  readByIds,
  readTenantSettingsOf,
  type Incident,
  type Investigation,
  type PrismaClient,
  type ResolvedTenantSettings,
} from "@causeflow/db";
import { MicroBatcher } from "@causeflow/domain";

/** What an agent run reads before it starts. */
export interface AgentJobContext {
  incident: Incident;
  investigation: Investigation;
  settings: ResolvedTenantSettings;
}

/**
 * Reads what agent runs need (issue 12): the incidents, investigations and tenant settings of the
 * agent jobs running at once, in three queries per batch instead of three per agent. Null for a
 * job whose investigation is not committed yet (or not of that tenant).
 */
export class AgentContextLoader {
  private readonly batcher: MicroBatcher<InvestigationJob, AgentJobContext | null>;

  constructor(prisma: PrismaClient) {
    this.batcher = new MicroBatcher(async (jobs) => {
      const [incidents, investigations] = await Promise.all([
        readByIds.incidents(
          prisma,
          jobs.map((j) => j.incidentId),
        ),
        readByIds.investigations(
          prisma,
          jobs.map((j) => j.investigationId),
        ),
      ]);
      const settings = await readTenantSettingsOf(
        prisma,
        incidents.map((i) => i.tenantId),
      );
      const incidentById = new Map(incidents.map((i) => [i.id, i]));
      const investigationById = new Map(investigations.map((i) => [i.id, i]));
      return jobs.map((job) => {
        const incident = incidentById.get(job.incidentId);
        const investigation = investigationById.get(job.investigationId);
        if (!incident || !investigation || incident.tenantId !== job.tenantId) return null;
        return { incident, investigation, settings: settings.get(incident.tenantId)! };
      });
    });
  }

  load(job: InvestigationJob): Promise<AgentJobContext | null> {
    return this.batcher.submit(job);
  }
}
