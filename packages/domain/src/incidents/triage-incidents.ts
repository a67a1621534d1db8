import type { Incident } from "@causeflow/db";
import { triageOpenIncidents } from "@causeflow/db/batch";
import type { DomainDeps } from "../domain-deps";
import { triagedEntry, type TriageDecision } from "./triage-incident";

/**
 * triageIncident for many incidents at once (issue 12), one statement: each incident still
 * `open` moves to `triaging` with its decision and `incident.triaged`. Returns, per input, the
 * incident moved, or null when it was no longer open (triage never happens twice).
 */
export async function triageIncidents(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  items: readonly { incident: Incident; decision: TriageDecision }[],
): Promise<(Incident | null)[]> {
  const open = items.filter(({ incident }) => incident.status === "open");
  const moved = await triageOpenIncidents(
    deps.prisma,
    open.map(({ incident, decision }) => {
      const entry = triagedEntry(incident, decision);
      return {
        id: incident.id,
        tenantId: incident.tenantId,
        severity: decision.severity,
        agents: decision.agents,
        message: entry.message,
        activityData: entry.event.data,
      };
    }),
  );
  const byId = new Map(moved.map((incident) => [incident.id, incident]));
  for (const tenantId of new Set(moved.map((incident) => incident.tenantId))) deps.publisher.announce(tenantId);
  return items.map(({ incident }) => byId.get(incident.id) ?? null);
}
