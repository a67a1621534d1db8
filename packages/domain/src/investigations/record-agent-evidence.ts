import { SYSTEM_ACTOR, type AgentName, type EvidenceRecord } from "@causeflow/contracts";
import type { Prisma } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
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
  const recorded = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.evidence.createMany({
      data: input.evidence.map((e, i) => ({
        id: `${input.investigationId}-${input.agent}-${i}`,
        investigationId: input.investigationId,
        agent: input.agent,
        kind: e.kind,
        summary: e.summary,
        details: e.details as Prisma.InputJsonObject,
        confidence: e.confidence,
      })),
      skipDuplicates: true,
    });
    if (created.count === 0 && input.evidence.length > 0) return false;
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: input.incidentId,
        actor: SYSTEM_ACTOR,
        message: `${input.agent} finished: ${input.evidence.map((e) => e.summary).join("; ")}`,
        event: {
          type: "agent.finished",
          data: { investigationId: input.investigationId, agent: input.agent, evidence: input.evidence.length },
        },
      },
    ]);
    return true;
  });
  if (recorded) deps.publisher.announce(input.tenantId);
}
