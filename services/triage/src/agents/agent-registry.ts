import type { AgentName } from "@causeflow/contracts";
import type { Agent } from "./agent";
import { changeDetector } from "./change-detector";
import { incidentCorrelator } from "./incident-correlator";
import { infraInspector } from "./infra-inspector";
import { remediationPlanner } from "./remediation-planner";

/** Every agent by name: what runs behind each agent queue. */
export const agentRegistry: Record<AgentName, Agent> = {
  change_detector: changeDetector,
  incident_correlator: incidentCorrelator,
  infra_inspector: infraInspector,
  remediation_planner: remediationPlanner,
};
