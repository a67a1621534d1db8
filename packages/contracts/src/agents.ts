import { z } from "zod";

/** Investigation agents, dispatched by triage according to severity. */
export const AgentName = z.enum(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
export type AgentName = z.infer<typeof AgentName>;

export const ALL_AGENTS: readonly AgentName[] = AgentName.options;

/** The queue of each agent. */
export const AGENT_QUEUES: Record<AgentName, string> = {
  change_detector: "agent-change-detector",
  incident_correlator: "agent-incident-correlator",
  infra_inspector: "agent-infra-inspector",
  remediation_planner: "agent-remediation-planner",
};

/** What an agent found: one evidence record. */
export const EvidenceRecord = z.object({
  kind: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  confidence: z.number().min(0).max(1),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;
