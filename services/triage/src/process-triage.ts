import { AgentName, SYSTEM_ACTOR, type TriageJob, type TriageTarget } from "@causeflow/contracts";
import {
  BACKGROUND_BATCHING,
  batcherPerClient,
  InvestigationRunning,
  MicroBatcher,
  NotInvestigable,
  startInvestigation,
  triageIncident,
  triageIncidents,
  type DomainDeps,
  type TriageDecision,
} from "@causeflow/domain";
import {
  countLiveInvestigationsOf,
  countOpenIncidentsOnServices,
  readByIds,
  readTenantSettings,
  readTenantSettingsOf,
  type Incident,
  type ResolvedTenantSettings,
} from "@causeflow/db";
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
 * triages twice. Used by the reconciler; the triage job does the same for many at once.
 */
export async function triageOne(deps: TriageDeps, incident: Incident, requestId?: string): Promise<TriageResult> {
  let moved: Incident | null = null;
  if (incident.status === "open") {
    const decision = await decideTriage(deps, incident, await readTenantSettings(deps.prisma, incident.tenantId));
    moved = await triageIncident(deps, incident, decision);
  }
  return finishTriage(deps, moved ?? incident, moved !== null, requestId);
}

/**
 * The `triage` job processor: a job names the incidents one normalizer batch opened (or one);
 * incidents of concurrent jobs are classified and moved together, one statement per batch, then
 * each triaged incident's investigation starts when its policy says so.
 */
export function createTriageProcessor(deps: TriageDeps) {
  const batcher = new MicroBatcher<TriageTarget, { incident: Incident; triaged: boolean } | null>(
    (targets) => triageMany(deps, targets),
    BACKGROUND_BATCHING,
  );
  return async function processTriage(data: TriageJob, job: Job): Promise<TriageResult[]> {
    const outcomes = await Promise.all(data.incidents.map((target) => batcher.submit(target)));
    const finished = await Promise.allSettled(
      outcomes.map((outcome, i) =>
        outcome
          ? finishTriage(deps, outcome.incident, outcome.triaged, data.incidents[i]!.requestId)
          : { incidentId: data.incidents[i]!.incidentId, triaged: false, dispatched: [] },
      ),
    );
    const failed = finished.find((f) => f.status === "rejected");
    if (failed) throw failed.reason; // the retry resumes what did not finish (finishTriage is idempotent)
    // A manual incident queues its triage inside its transaction: wait for the commit.
    const missing = data.incidents.filter((_, i) => !outcomes[i]);
    if (missing.length) awaitCommit(job, `incident ${missing.map((t) => t.incidentId).join(", ")}`);
    return finished.map((f) => (f as PromiseFulfilledResult<TriageResult>).value);
  };
}

/** Classifies every open incident of the batch and records the decisions at once; null for an incident not found. */
async function triageMany(deps: TriageDeps, targets: TriageTarget[]) {
  const incidents = await readByIds.incidents(
    deps.prisma,
    targets.map((t) => t.incidentId),
  );
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const open = incidents.filter((incident) => incident.status === "open");
  const settings = await readTenantSettingsOf(
    deps.prisma,
    open.map((incident) => incident.tenantId),
  );
  // One moment for the batch: its storm rules ask the same question of each incident of a service.
  const now = Date.now();
  const items = await Promise.all(
    open.map(async (incident) => ({
      incident,
      decision: await decideTriage(deps, incident, settings.get(incident.tenantId)!, now),
    })),
  );
  const moved = await triageIncidents(deps, items);
  const movedById = new Map(items.map(({ incident }, i) => [incident.id, moved[i]]));
  return targets.map((target) => {
    const incident = byId.get(target.incidentId);
    if (!incident || incident.tenantId !== target.tenantId) return null;
    const triaged = movedById.get(incident.id);
    return triaged ? { incident: triaged, triaged: true } : { incident, triaged: false };
  });
}

/** What triage decides for an open incident: its severity by the tenant's rules, and who investigates when. */
async function decideTriage(
  deps: TriageDeps,
  incident: Incident,
  settings: ResolvedTenantSettings,
  now = Date.now(),
): Promise<TriageDecision> {
  const classification = await classifySeverity(incident, settings.triage.rules, ({ windowMinutes, ...question }) =>
    stormCountsOn(deps.prisma).submit({ ...question, since: new Date(now - windowMinutes * 60_000) }),
  );
  const decision = dispatchDecision(classification.severity, settings.triage.autoInvestigateFrom);
  return {
    severity: classification.severity,
    reasons: [...classification.reasons, decision.reason],
    mode: decision.mode,
    agents: decision.agents,
  };
}

/** After the decision: start (or resume) the investigation when agents are assigned, and log what was done. */
async function finishTriage(deps: TriageDeps, incident: Incident, triaged: boolean, requestId?: string): Promise<TriageResult> {
  const dispatched = await resumeDispatch(deps, incident, requestId);
  if (triaged || dispatched.length) {
    deps.logger.info(
      { incidentId: incident.id, tenantId: incident.tenantId, severity: incident.severity, agents: dispatched },
      "incident triaged",
    );
  }
  return { incidentId: incident.id, triaged, dispatched };
}

/** Starts the investigation of a triaged incident whose agents were assigned but that has none running or done. */
async function resumeDispatch(deps: TriageDeps, incident: Incident, requestId?: string): Promise<string[]> {
  if (incident.status !== "triaging" || incident.assignedAgents.length === 0) return [];
  const started = await liveInvestigationsOn(deps.prisma).submit(incident.id);
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

/** The storm rules' counts of one client's concurrent decisions (a triage batch's incidents), one statement per micro-batch. */
const stormCountsOn = batcherPerClient(countOpenIncidentsOnServices, BACKGROUND_BATCHING);

/** The live-investigation counts of one client's concurrent dispatches (a triage batch's incidents), one statement per micro-batch. */
const liveInvestigationsOn = batcherPerClient(countLiveInvestigationsOf, BACKGROUND_BATCHING);
