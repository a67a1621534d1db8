import { z } from "zod";

/** Investigation agents, dispatched by triage according to severity. */
export const AgentName = z.enum(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
export type AgentName = z.infer<typeof AgentName>;

export const ALL_AGENTS: readonly AgentName[] = AgentName.options;

/** The queue of each agent (see `agentJob` in the job catalog). */
export const AGENT_QUEUE_NAMES = [
  "agent-change-detector",
  "agent-incident-correlator",
  "agent-infra-inspector",
  "agent-remediation-planner",
] as const;
export const AGENT_QUEUES = {
  change_detector: "agent-change-detector",
  incident_correlator: "agent-incident-correlator",
  infra_inspector: "agent-infra-inspector",
  remediation_planner: "agent-remediation-planner",
} as const satisfies Record<AgentName, (typeof AGENT_QUEUE_NAMES)[number]>;

/** What an agent found: one evidence record; `details` is the agent's own JSON object. */
export const EvidenceRecord = z.object({
  kind: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  confidence: z.number().min(0).max(1),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

/** The details of `recent_change` evidence (change_detector), read back by the root-cause rule. */
export const RecentChangeDetails = z.object({
  changeId: z.string(),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  minutesBefore: z.number(),
});
export type RecentChangeDetails = z.infer<typeof RecentChangeDetails>;
