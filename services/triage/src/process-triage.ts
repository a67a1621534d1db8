import { AgentName, TERMINAL_STATUSES, TriageJob } from "@causeflow/contracts";
import { isRecordNotFound, readTenantSettings, timelineRecord, type Incident, type PrismaClient } from "@causeflow/db";
import { IncidentNotInvestigable, InvestigationRunning, startInvestigation } from "@causeflow/investigation";
import type { Logger } from "@causeflow/logger";
import { UnrecoverableError, type FlowProducer, type Job } from "bullmq";
import { classifySeverity } from "./classify-severity";
import { dispatchDecision } from "./dispatch-policy";

export interface TriageResult {
  incidentId: string;
  triaged: boolean;
  dispatched: string[];
}

export interface TriageDeps {
  prisma: PrismaClient;
  flows: FlowProducer;
  logger: Logger;
}

/**
 * The `triage` job processor: classifies a new incident (normalized severity adjusted by the
 * tenant's rules, each reason recorded), moves it `open` → `triaging`, and when the policy says
 * "at once" starts the investigation flow (→ `investigating`). Idempotent: a retried job resumes
 * an interrupted dispatch and never triages twice.
 */
export function createTriageProcessor(deps: TriageDeps) {
  return async function processTriage(job: Job<TriageJob>): Promise<TriageResult> {
    const parsed = TriageJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed triage job: ${parsed.error.message}`);
    const { incidentId, tenantId, eventId, requestId } = parsed.data;
    const log = deps.logger.child({ incidentId, tenantId, eventId, requestId });

    let incident = await deps.prisma.incident.findFirst({ where: { id: incidentId, tenantId } });
    if (!incident) throw new UnrecoverableError(`incident ${incidentId} not found`);
    let triaged = false;
    if (incident.status === "open") {
      const moved = await triage(deps, incident);
      if (moved) {
        incident = moved;
        triaged = true;
      }
    }
    const dispatched = await resumeDispatch(deps, incident, requestId);
    if (triaged || dispatched.length) log.info({ severity: incident.severity, agents: dispatched }, "incident triaged");
    return { incidentId, triaged, dispatched };
  };
}

async function triage(deps: TriageDeps, incident: Incident): Promise<Incident | null> {
  const settings = await readTenantSettings(deps.prisma, incident.tenantId);
  const classification = await classifySeverity(incident, settings.triage.rules, (i, windowMinutes) =>
    deps.prisma.incident.count({
      where: {
        tenantId: i.tenantId,
        service: i.service,
        status: { notIn: [...TERMINAL_STATUSES] },
        createdAt: { gte: new Date(Date.now() - windowMinutes * 60_000) },
      },
    }),
  );
  const decision = dispatchDecision(classification.severity, settings.triage.autoInvestigateFrom);
  const reasons = [...classification.reasons, decision.reason];
  try {
    // The status condition makes a concurrent or repeated triage a no-op.
    return await deps.prisma.incident.update({
      where: { id: incident.id, status: "open" },
      data: {
        status: "triaging",
        severity: classification.severity,
        assignedAgents: [...decision.agents],
        timeline: {
          create: timelineRecord({
            kind: "triaged",
            message: `Triaged as ${classification.severity}: ${reasons.join("; ")}`,
            data: {
              from: "open",
              to: "triaging",
              normalizedSeverity: incident.severity,
              severity: classification.severity,
              reasons,
              mode: decision.mode,
              agents: [...decision.agents],
            },
          }),
        },
      },
    });
  } catch (error) {
    if (isRecordNotFound(error)) return null;
    throw error;
  }
}

/** Starts the investigation of a triaged incident whose agents were assigned but never dispatched. */
async function resumeDispatch(deps: TriageDeps, incident: Incident, requestId?: string): Promise<string[]> {
  if (incident.status !== "triaging" || incident.assignedAgents.length === 0) return [];
  const started = await deps.prisma.investigation.count({ where: { incidentId: incident.id } });
  if (started > 0) return [];
  try {
    await startInvestigation(deps, {
      incident,
      agents: AgentName.array().parse(incident.assignedAgents),
      trigger: "triage",
      requestId,
    });
  } catch (error) {
    if (error instanceof InvestigationRunning || error instanceof IncidentNotInvestigable) return [];
    throw error;
  }
  return incident.assignedAgents;
}
