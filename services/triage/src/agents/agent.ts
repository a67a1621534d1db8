import type { AgentName, EvidenceRecord, RemediationProposal } from "@causeflow/contracts";
import type { Incident, PrismaClient, ResolvedTenantSettings } from "@causeflow/db";
import type { OutboundRequest } from "@causeflow/outbound";

export interface AgentOutput {
  evidence: EvidenceRecord[];
  proposal?: RemediationProposal;
}

export interface AgentContext {
  prisma: PrismaClient;
  incident: Incident;
  investigationId: string;
  settings: ResolvedTenantSettings;
  /** Aborted when the agent's time budget is spent. */
  signal: AbortSignal;
  /** HTTP for agents that query outside systems: the guarded outbound client (contract §8). */
  request: OutboundRequest;
}

/**
 * An investigation agent: reads data CauseFlow has (or a connected source) and reports evidence.
 * Where it has no data it says so in its evidence, with confidence 0; it never invents findings.
 */
export interface Agent {
  name: AgentName;
  run(ctx: AgentContext): Promise<AgentOutput>;
}
