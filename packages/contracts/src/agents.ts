import { z } from "zod";

/** Investigation agents, dispatched by triage according to severity. */
export const AgentName = z.enum(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
export type AgentName = z.infer<typeof AgentName>;

export const ALL_AGENTS: readonly AgentName[] = AgentName.options;
