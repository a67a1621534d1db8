import { AgentName, SYSTEM_ACTOR, type TriageJob } from "@causeflow/contracts";
import { InvestigationRunning, NotInvestigable, startInvestigation, triageIncident, type DomainDeps } from "@causeflow/domain";
import { readTenantSettings, type Incident } from "@causeflow/db";
import { awaitCommit } from "@causeflow/queues";
import type { Job } from "bullmq";
import { classifySeverity } from "./classify-severity";
import { dispatchDecision } from "./dispatch-policy";

export interface TriageResult {
  incidentId: string;
  triaged: boolean;
  dispatched: string[];
}

export type TriageDeps = Pick<DomainDeps, "prisma" | "queues" | "publisher" | "logger">;

/**
 * Triages one incident: the normalized severity adjusted by the tenant's rules (each reason
 * recorded), `open` → `triaging`, and when the policy says "at once" the investigation starts
 * (→ `investigating`). Idempotent: a repeated run resumes an interrupted dispatch and never
 * triages twice. Used by the triage job and by the reconciler.
 */
export async function triageOne(deps: TriageDeps, incident: Incident, requestId?: string): Promise<TriageResult> {
  let current = incident;
  let triaged = false;
  if (current.status === "open") {
    const settings = await readTenantSettings(deps.prisma, current.tenantId);
    const classification = await classifySeverity(current, settings.triage.rules, (i, windowMinutes) =>
      deps.prisma.incident.count({
        where: {
          tenantId: i.tenantId,
          service: i.service,
          status: { notIn: ["resolved", "closed"] },
          createdAt: { gte: new Date(Date.now() - windowMinutes * 60_000) },
        },
      }),
    );
    const decision = dispatchDecision(classification.severity, settings.triage.autoInvestigateFrom);
    const moved = await triageIncident(deps, current, {
      severity: classification.severity,
      reasons: [...classification.reasons, decision.reason],
      mode: decision.mode,
      agents: decision.agents,
    });
    if (moved) {
      current = moved;
      triaged = true;
    }
  }
  const dispatched = await resumeDispatch(deps, current, requestId);
  if (triaged || dispatched.length) {
    deps.logger.info(
      { incidentId: current.id, tenantId: current.tenantId, severity: current.severity, agents: dispatched },
      "incident triaged",
    );
  }
  return { incidentId: current.id, triaged, dispatched };
}

/** The `triage` job processor: a thin adapter over triageOne. */
export function createTriageProcessor(deps: TriageDeps) {
  return async function processTriage(data: TriageJob, job: Job): Promise<TriageResult> {
    const incident = await deps.prisma.incident.findFirst({ where: { id: data.incidentId, tenantId: data.tenantId } });
    if (!incident) {
      // A manual incident queues its triage inside its transaction: wait for the commit.
      awaitCommit(job, `incident ${data.incidentId}`);
      return { incidentId: data.incidentId, triaged: false, dispatched: [] };
    }
    return triageOne(deps, incident, data.requestId);
  };
}

/** Starts the investigation of a triaged incident whose agents were assigned but that has none running or done. */
async function resumeDispatch(deps: TriageDeps, incident: Incident, requestId?: string): Promise<string[]> {
  if (incident.status !== "triaging" || incident.assignedAgents.length === 0) return [];
  const started = await deps.prisma.investigation.count({ where: { incidentId: incident.id, status: { not: "failed" } } });
  if (started > 0) return [];
  try {
    await startInvestigation(deps, {
      incident,
      agents: AgentName.array().parse(incident.assignedAgents),
      trigger: "triage",
      actor: SYSTEM_ACTOR,
      requestId,
    });
  } catch (error) {
    if (error instanceof InvestigationRunning || error instanceof NotInvestigable) return [];
    throw error;
  }
  return incident.assignedAgents;
}
