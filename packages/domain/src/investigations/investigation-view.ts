import type { RemediationProposal, RootCause } from "@causeflow/contracts";
import type { Evidence, Investigation } from "@causeflow/db";

/** An investigation's root cause from its columns (null until one is named). */
export function rootCauseOf(i: Pick<Investigation, "rootCauseSummary" | "rootCauseConfidence">): RootCause | null {
  return i.rootCauseSummary !== null && i.rootCauseConfidence !== null
    ? { summary: i.rootCauseSummary, confidence: i.rootCauseConfidence }
    : null;
}

/** The remediation of an investigation (contract §5), or null when none was proposed. */
export function remediationOf(i: Investigation) {
  if (!i.remediationStatus || !i.remediationTitle) return null;
  return {
    status: i.remediationStatus,
    title: i.remediationTitle,
    steps: i.remediationSteps,
    proposedAt: i.proposedAt?.toISOString() ?? null,
    decidedAt: i.decidedAt?.toISOString() ?? null,
    decidedBy: i.decidedByKind ? { kind: i.decidedByKind, id: i.decidedById } : null,
    reason: i.decisionReason,
  };
}

/** A past approved fix, for the remediation planner. */
export function approvedProposal(i: Investigation): RemediationProposal | null {
  return i.remediationStatus === "approved" && i.remediationTitle
    ? { title: i.remediationTitle, steps: i.remediationSteps }
    : null;
}

/** The `investigation` of an incident's detail (contract §5). */
export function investigationJson(i: (Investigation & { evidence: Evidence[] }) | undefined) {
  if (!i) return null;
  return {
    investigationId: i.id,
    status: i.status,
    trigger: i.trigger,
    agents: i.agents,
    startedAt: i.startedAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    rootCause: rootCauseOf(i),
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
    remediation: remediationOf(i),
  };
}
