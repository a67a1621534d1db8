import {
  agentJob,
  canTransition,
  JOBS,
  newId,
  type ActivityData,
  type Actor,
  type AgentName,
  type InvestigationTrigger,
} from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { startRunningInvestigations } from "@causeflow/db/batch";
import { enqueueFlow, removeFlow } from "@causeflow/queues";
import { batcherPerClient } from "../batch/batcher-per-client";
import { BACKGROUND_BATCHING } from "../batch/micro-batcher";
import type { DomainDeps } from "../domain-deps";
import { InvalidTransition, InvestigationRunning, NotInvestigable } from "../errors";

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
 * statuses stay) with its agents assigned, `investigation.started`, and a BullMQ flow whose parent
 * (`investigations`) runs once every agent job (one queue per agent) has finished. The flow is
 * queued first: if Redis cannot take it nothing changes. Then one statement writes the rest, with
 * the starts of concurrent callers (the tenant's activity counter is held only while it runs, once
 * a batch; a failed statement fails each of its starts); agents that run before it commits wait
 * for it, and a flow whose start was refused is removed (were that to fail, its jobs find no
 * investigation and give up once `awaitCommit`'s wait is over).
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
  if (to !== incident.status && !canTransition(incident.status, to, "operation"))
    throw new InvalidTransition(incident.status, to);
  const data = { investigationId, incidentId: incident.id, tenantId: incident.tenantId, requestId };
  await enqueueFlow(
    deps.queues,
    { definition: JOBS.investigation, data },
    agents.map((agent) => ({ definition: agentJob(agent), data })),
  );
  const outcome = await startsOn(deps.prisma).submit({
    investigationId,
    incidentId: incident.id,
    tenantId: incident.tenantId,
    from: incident.status,
    to,
    trigger,
    agents,
    actor,
    message: `Investigation started (${trigger}): ${agents.join(", ")}`,
    activityData: {
      investigationId,
      agents: [...agents],
      trigger,
      from: incident.status,
      to,
    } satisfies ActivityData<"investigation.started">,
  });
  if (outcome !== "started") {
    await removeFlow(deps.queues, JOBS.investigation, data).catch(() => undefined);
    if (outcome === "running") throw new InvestigationRunning();
    throw new NotInvestigable(`incident ${incident.id} changed or was resolved meanwhile`);
  }
  deps.publisher.announce(incident.tenantId);
  return investigationId;
}

/** The starts of one client's concurrent callers (a triage batch's incidents), one statement per micro-batch. */
const startsOn = batcherPerClient(startRunningInvestigations, BACKGROUND_BATCHING);
