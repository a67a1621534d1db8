import { SYSTEM_ACTOR, type AgentName, type Severity } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity, type ActivityInput } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { moveIncident } from "./move-incident";

export interface TriageDecision {
  severity: Severity;
  /** Every reason the severity or dispatch is what it is, in order. */
  reasons: string[];
  mode: "immediate" | "on_request" | "never";
  agents: readonly AgentName[];
}

/**
 * Records a triage decision: `open` → `triaging` with the classified severity and the assigned
 * agents, and `incident.triaged` with every reason. Null when the incident is no longer open
 * (triaged already, or resolved meanwhile): triage never happens twice.
 */
export async function triageIncident(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  incident: Incident,
  decision: TriageDecision,
): Promise<Incident | null> {
  if (incident.status !== "open") return null;
  const triaged = await deps.prisma.$transaction(async (tx) => {
    const moved = await moveIncident(tx, incident, "triaging", {
      by: "operation",
      data: { severity: decision.severity, assignedAgents: [...decision.agents] },
    });
    if (!moved) return null;
    await appendActivity(tx, incident.tenantId, [triagedEntry(incident, decision)]);
    return moved;
  });
  if (triaged) deps.publisher.announce(incident.tenantId);
  return triaged;
}

/** The `incident.triaged` entry of a decision: the severity and every reason for it. */
export function triagedEntry(
  incident: Incident,
  decision: TriageDecision,
): ActivityInput & { event: { type: "incident.triaged" } } {
  return {
    incidentId: incident.id,
    actor: SYSTEM_ACTOR,
    message: `Triaged as ${decision.severity}: ${decision.reasons.join("; ")}`,
    event: {
      type: "incident.triaged",
      data: {
        from: "open",
        to: "triaging",
        normalizedSeverity: incident.severity,
        severity: decision.severity,
        reasons: decision.reasons,
        mode: decision.mode,
        agents: [...decision.agents],
      },
    },
  };
}
