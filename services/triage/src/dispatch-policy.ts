import { ALL_AGENTS, type AgentName, type Severity } from "@causeflow/contracts";

/** When agents investigate an incident of a given severity. */
export type DispatchMode = "immediate" | "on_request" | "never";

export interface DispatchRule {
  mode: DispatchMode;
  agents: readonly AgentName[];
  reason: string;
}

/** Severity → agents: the policy table of triage. */
export const DISPATCH_POLICY: Record<Severity, DispatchRule> = {
  critical: { mode: "immediate", agents: ALL_AGENTS, reason: "critical incidents are investigated at once by every agent" },
  high: { mode: "immediate", agents: ALL_AGENTS, reason: "high incidents are investigated at once by every agent" },
  medium: { mode: "on_request", agents: ALL_AGENTS, reason: "medium incidents are investigated only when asked" },
  low: { mode: "on_request", agents: ALL_AGENTS, reason: "low incidents are investigated only when asked" },
  info: { mode: "never", agents: [], reason: "info incidents are never investigated" },
};
