import { ALL_AGENTS, SEVERITIES, type AgentName, type Severity } from "@causeflow/contracts";

/** When agents investigate an incident of a given severity. */
export type DispatchMode = "immediate" | "on_request" | "never";

export interface DispatchDecision {
  mode: DispatchMode;
  agents: readonly AgentName[];
  reason: string;
}

/**
 * Severity → agents. Info is never investigated; from `autoInvestigateFrom` up (default high:
 * critical and high) every agent runs at once; the rest only on POST /v1/incidents/{id}/investigate.
 */
export function dispatchDecision(severity: Severity, autoInvestigateFrom: Severity): DispatchDecision {
  if (severity === "info") return { mode: "never", agents: [], reason: "info incidents are never investigated" };
  if (SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(autoInvestigateFrom)) {
    return { mode: "immediate", agents: ALL_AGENTS, reason: `${severity} incidents are investigated at once by every agent` };
  }
  return { mode: "on_request", agents: [], reason: `${severity} incidents are investigated only when asked` };
}
