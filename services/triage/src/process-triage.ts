import { TriageJob } from "@causeflow/contracts";
import { isRecordNotFound, timelineRecord, type PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { UnrecoverableError, type Job } from "bullmq";
import type { AgentDispatcher } from "./agent-dispatcher";
import { DISPATCH_POLICY } from "./dispatch-policy";

export interface TriageResult {
  incidentId: string;
  triaged: boolean;
  dispatched: string[];
}

export interface TriageDeps {
  prisma: PrismaClient;
  dispatcher: AgentDispatcher;
  logger: Logger;
}

/**
 * The `triage` job processor: moves a new incident `open` → `triaging`, applies the severity
 * policy, records assigned agents and the reason, and dispatches when the policy says "at once".
 * Idempotent: an incident already past `open` is left alone.
 */
export function createTriageProcessor(deps: TriageDeps) {
  return async function processTriage(job: Job<TriageJob>): Promise<TriageResult> {
    const parsed = TriageJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed triage job: ${parsed.error.message}`);
    const { incidentId, tenantId, eventId, requestId } = parsed.data;
    const log = deps.logger.child({ incidentId, tenantId, eventId, requestId });

    const incident = await deps.prisma.incident.findFirst({ where: { id: incidentId, tenantId } });
    if (!incident) throw new UnrecoverableError(`incident ${incidentId} not found`);
    if (incident.status !== "open") {
      log.info({ status: incident.status }, "already triaged; nothing to do");
      return { incidentId, triaged: false, dispatched: [] };
    }

    const rule = DISPATCH_POLICY[incident.severity];
    const assigned = rule.mode === "immediate" ? [...rule.agents] : [];
    let moved;
    try {
      // The status condition makes a concurrent or repeated triage a no-op.
      moved = await deps.prisma.incident.update({
        where: { id: incidentId, status: "open" },
        data: {
          status: "triaging",
          assignedAgents: assigned,
          timeline: {
            create: timelineRecord({
              kind: "triaged",
              message: `Triaged as ${incident.severity}: ${rule.reason}`,
              data: { severity: incident.severity, mode: rule.mode, agents: assigned, from: "open", to: "triaging" },
            }),
          },
        },
      });
    } catch (error) {
      if (isRecordNotFound(error)) return { incidentId, triaged: false, dispatched: [] };
      throw error;
    }

    if (assigned.length > 0) await deps.dispatcher.dispatch(moved, assigned);
    log.info({ severity: incident.severity, mode: rule.mode, agents: assigned }, "incident triaged");
    return { incidentId, triaged: true, dispatched: assigned };
  };
}
