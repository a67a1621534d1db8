import type { AgentName, EvidenceRecord } from "@causeflow/contracts";
import { insertAgentEvidence } from "@causeflow/db/batch";
import type { DomainDeps } from "../domain-deps";

export interface AgentEvidenceInput {
  tenantId: string;
  incidentId: string;
  investigationId: string;
  agent: AgentName;
  evidence: readonly EvidenceRecord[];
}

/**
 * Stores what an agent found and `agent.finished`, once: evidence ids are deterministic, so a
 * retried agent job finds its evidence stored and records nothing again.
 */
export async function recordAgentEvidence(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: AgentEvidenceInput,
): Promise<void> {
  await recordAgentEvidenceMany(deps, [input]);
}

/**
 * recordAgentEvidence for many agent runs at once (issue 12): one statement. Returns, per run,
 * whether it was recorded now (false: a retried run whose evidence was stored already).
 */
export async function recordAgentEvidenceMany(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  inputs: readonly AgentEvidenceInput[],
): Promise<boolean[]> {
  const recorded = await insertAgentEvidence(
    deps.prisma,
    inputs.flatMap((input) =>
      input.evidence.map((e, i) => ({
        id: `${input.investigationId}-${input.agent}-${i}`,
        investigationId: input.investigationId,
        agent: input.agent,
        kind: e.kind,
        summary: e.summary,
        details: e.details,
        confidence: e.confidence,
      })),
    ),
    inputs.map((input) => ({
      tenantId: input.tenantId,
      incidentId: input.incidentId,
      investigationId: input.investigationId,
      agent: input.agent,
      evidenceCount: input.evidence.length,
      message: `${input.agent} finished: ${input.evidence.map((e) => e.summary).join("; ")}`,
      activityData: { investigationId: input.investigationId, agent: input.agent, evidence: input.evidence.length },
    })),
  );
  const done = inputs.map((input) => recorded.has(`${input.investigationId}/${input.agent}`));
  for (const tenantId of new Set(inputs.filter((_, i) => done[i]).map((input) => input.tenantId)))
    deps.publisher.announce(tenantId);
  return done;
}
