import { AGENT_QUEUES, newId, QUEUE_NAMES, type AgentName, type InvestigationJob } from "@causeflow/contracts";
import { isRecordNotFound, isUniqueViolation, timelineRecord, type Incident, type PrismaClient } from "@causeflow/db";
import type { FlowProducer } from "bullmq";

/** Thrown when the incident already has a running investigation. */
export class InvestigationRunning extends Error {}

/** Thrown when the incident was resolved or closed before the investigation could start. */
export class IncidentNotInvestigable extends Error {}

/** Each agent gets two tries; a failed agent never fails the investigation (its parent runs anyway). */
const AGENT_JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: "fixed", delay: 1000 },
  ignoreDependencyOnFailure: true,
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export interface StartInvestigationInput {
  incident: Incident;
  agents: readonly AgentName[];
  /** Why it starts: "triage" (severity policy) or "requested" (POST …/investigate). */
  trigger: "triage" | "requested";
  requestId?: string;
}

/**
 * Starts an investigation: one Investigation row (at most one running per incident, enforced by a
 * partial unique index), the incident moved to `investigating`, the timeline entry, then a BullMQ
 * flow whose parent (`investigations`) runs once every agent job (one queue per agent) finished.
 */
export async function startInvestigation(
  deps: { prisma: PrismaClient; flows: FlowProducer },
  { incident, agents, trigger, requestId }: StartInvestigationInput,
): Promise<string> {
  const investigationId = newId("investigation");
  try {
    await deps.prisma.investigation.create({
      data: {
        id: investigationId,
        incidentId: incident.id,
        tenantId: incident.tenantId,
        status: "running",
        agents: [...agents],
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvestigationRunning(`incident ${incident.id} already has a running investigation`);
    throw error;
  }
  try {
    // Conditional on the status read: an incident resolved (or moved) meanwhile is left alone.
    await deps.prisma.incident.update({
      where: { id: incident.id, status: incident.status },
      data: {
        status: ["open", "triaging"].includes(incident.status) ? "investigating" : incident.status,
        assignedAgents: [...agents],
        timeline: {
          create: timelineRecord({
            kind: "investigation_started",
            message: `Investigation started (${trigger}): ${agents.join(", ")}`,
            data: { investigationId, agents: [...agents], trigger, from: incident.status },
          }),
        },
      },
    });
  } catch (error) {
    await deps.prisma.investigation.delete({ where: { id: investigationId } });
    if (isRecordNotFound(error)) throw new IncidentNotInvestigable(`incident ${incident.id} changed or was resolved meanwhile`);
    throw error;
  }
  const data: InvestigationJob = { investigationId, incidentId: incident.id, tenantId: incident.tenantId, requestId };
  try {
    await deps.flows.add({
      name: "investigate",
      queueName: QUEUE_NAMES.investigations,
      data,
      opts: { jobId: investigationId, attempts: 3, backoff: { type: "exponential", delay: 1000 } },
      children: agents.map((agent) => ({
        name: agent,
        queueName: AGENT_QUEUES[agent],
        data,
        opts: { jobId: `${investigationId}-${agent}`, ...AGENT_JOB_OPTIONS },
      })),
    });
  } catch (error) {
    // Nothing was queued: free the incident for a later attempt.
    await deps.prisma.investigation
      .update({ where: { id: investigationId }, data: { status: "failed", finishedAt: new Date() } })
      .catch(() => undefined);
    throw error;
  }
  return investigationId;
}
