import { SYSTEM_ACTOR, type AgentName } from "@causeflow/contracts";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";

/**
 * Records that an agent gave up (`agent.failed`, with the reason), before its job fails for good,
 * so the investigation's synthesis sees it. Recorded once per agent and investigation.
 */
export async function recordAgentFailure(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; incidentId: string; investigationId: string; agent: AgentName; reason: string },
): Promise<void> {
  const recorded = await deps.prisma.$transaction(async (tx) => {
    const earlier = await tx.activity.findFirst({
      where: {
        tenantId: input.tenantId,
        incidentId: input.incidentId,
        type: "agent.failed",
        AND: [
          { data: { path: ["investigationId"], equals: input.investigationId } },
          { data: { path: ["agent"], equals: input.agent } },
        ],
      },
      select: { seq: true },
    });
    if (earlier) return false;
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: input.incidentId,
        actor: SYSTEM_ACTOR,
        message: `${input.agent} failed: ${input.reason}`,
        event: {
          type: "agent.failed",
          data: { investigationId: input.investigationId, agent: input.agent, reason: input.reason },
        },
      },
    ]);
    return true;
  });
  if (recorded) deps.publisher.announce(input.tenantId);
}
