import { agentJob, JOBS, newId, type Actor, type AgentName, type InvestigationTrigger } from "@causeflow/contracts";
import { isUniqueViolation, type Incident } from "@causeflow/db";
import { enqueueFlow } from "@causeflow/queues";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { InvestigationRunning, NotInvestigable } from "../errors";
import { moveIncident } from "../incidents/move-incident";

export interface StartInvestigationInput {
  incident: Incident;
  agents: readonly AgentName[];
  /** Why it starts: "triage" (severity policy) or "requested" (POST …/investigate). */
  trigger: InvestigationTrigger;
  actor: Actor;
  requestId?: string;
}

/**
 * Starts an investigation: one Investigation row (at most one running per incident, enforced by a
 * partial unique index), the incident moved to `investigating` (from open or triaging; other
 * statuses stay), `investigation.started`, and a BullMQ flow whose parent (`investigations`) runs
 * once every agent job (one queue per agent) has finished. The flow is queued inside the
 * transaction, before the activity entry: if Redis cannot take it nothing changes, agents wait for
 * the commit, and the tenant's activity counter is not held through a Redis round trip.
 */
export async function startInvestigation(
  deps: Pick<DomainDeps, "prisma" | "queues" | "publisher">,
  { incident, agents, trigger, actor, requestId }: StartInvestigationInput,
): Promise<string> {
  if (incident.severity === "info") throw new NotInvestigable("info incidents are never investigated");
  if (incident.status === "resolved" || incident.status === "closed")
    throw new NotInvestigable(`the incident is ${incident.status}`);
  const investigationId = newId("investigation");
  const to = incident.status === "open" || incident.status === "triaging" ? "investigating" : incident.status;
  const data = { investigationId, incidentId: incident.id, tenantId: incident.tenantId, requestId };
  try {
    await deps.prisma.$transaction(async (tx) => {
      await tx.investigation.create({
        data: {
          id: investigationId,
          incidentId: incident.id,
          tenantId: incident.tenantId,
          status: "running",
          trigger,
          agents: [...agents],
        },
      });
      const moved = await moveIncident(tx, incident, to, { by: "operation", data: { assignedAgents: [...agents] } });
      if (!moved) throw new NotInvestigable(`incident ${incident.id} changed or was resolved meanwhile`);
      await enqueueFlow(
        deps.queues,
        { definition: JOBS.investigation, data },
        agents.map((agent) => ({ definition: agentJob(agent), data })),
      );
      // Last, so the tenant's activity counter is locked only for this statement and the commit.
      await appendActivity(tx, incident.tenantId, [
        {
          incidentId: incident.id,
          actor,
          message: `Investigation started (${trigger}): ${agents.join(", ")}`,
          event: {
            type: "investigation.started",
            data: { investigationId, agents: [...agents], trigger, from: incident.status, to },
          },
        },
      ]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvestigationRunning();
    throw error;
  }
  deps.publisher.announce(incident.tenantId);
  return investigationId;
}
