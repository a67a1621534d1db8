import type { AgentName } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";

/**
 * The seam where triage hands an incident to investigation agents. Triage decides *which* agents
 * (see DISPATCH_POLICY) and records them; a dispatcher decides *how* they run.
 */
export interface AgentDispatcher {
  dispatch(incident: Incident, agents: readonly AgentName[]): Promise<void>;
}

/**
 * The dispatcher of this version: no agent runners exist yet, so it only logs the hand-off. The
 * assignment itself is already recorded on the incident and its timeline by triage.
 */
export class LoggingDispatcher implements AgentDispatcher {
  constructor(private readonly logger: Logger) {}

  async dispatch(incident: Incident, agents: readonly AgentName[]): Promise<void> {
    this.logger.info({ incidentId: incident.id, tenantId: incident.tenantId, agents }, "agents assigned (no agent runners installed)");
  }
}
