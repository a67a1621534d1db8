import type { Evidence, Investigation } from "@causeflow/db";

/** The `investigation` of an incident's detail (contract §5). */
export function investigationJson(i: (Investigation & { evidence: Evidence[] }) | undefined) {
  if (!i) return null;
  return {
    investigationId: i.id,
    status: i.status,
    agents: i.agents,
    startedAt: i.startedAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    rootCause: i.rootCause ?? null,
    evidence: [...i.evidence]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((e) => ({
        agent: e.agent,
        kind: e.kind,
        summary: e.summary,
        details: e.details,
        confidence: e.confidence,
        createdAt: e.createdAt.toISOString(),
      })),
    remediation: i.remediation ?? null,
  };
}
