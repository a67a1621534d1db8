import type { EvidenceRecord, RemediationProposal } from "@causeflow/contracts";
import { readPastFixesOf, readRunbooksOf, type Incident } from "@causeflow/db";
import { approvedProposal, BACKGROUND_BATCHING, batcherPerClient } from "@causeflow/domain";
import type { Agent } from "./agent";
import { suspectChanges } from "./recent-changes";
import { runbookMatches } from "./runbook-match";

/** The tenants' runbooks for the planners running at once, one statement per micro-batch. */
const runbooksOn = batcherPerClient(readRunbooksOf, BACKGROUND_BATCHING);
/** The latest approved fix of a resolved or closed incident with the same title, likewise. */
const pastFixesOn = batcherPerClient(
  (prisma, incidents: Incident[]) => readPastFixesOf(prisma, incidents, 1),
  BACKGROUND_BATCHING,
);

/** A change at least this likely to be the cause is worth rolling back. */
const ROLLBACK_CONFIDENCE = 0.7;

/**
 * Proposes a fix, in order of strength: roll back an implicated change (naming its version), the
 * tenant's matching runbook, or the approved fix of a similar past incident. With nothing to go
 * on it proposes nothing and says why. Proposals wait for a person's approval.
 */
export const remediationPlanner: Agent = {
  name: "remediation_planner",
  async run({ prisma, incident }) {
    const evidence: EvidenceRecord[] = [];
    const [suspects, runbooks, pastFixes] = await Promise.all([
      suspectChanges(prisma, incident),
      runbooksOn(prisma).submit(incident.tenantId),
      pastFixesOn(prisma).submit(incident),
    ]);
    const matching = runbooks.filter((r) => runbookMatches(r, incident));
    for (const runbook of matching) {
      evidence.push({
        kind: "runbook_match",
        summary: `Runbook "${runbook.title}" matches this incident`,
        details: { runbookId: runbook.id, steps: runbook.steps },
        confidence: 0.6,
      });
    }
    const approved = pastFixes.find((i) => approvedProposal(i) !== null);
    const pastFix = approved ? approvedProposal(approved) : null;
    if (approved && pastFix) {
      evidence.push({
        kind: "past_fix",
        summary: `A similar incident was fixed by "${pastFix.title}"`,
        details: { investigationId: approved.id, incidentId: approved.incidentId, steps: pastFix.steps },
        confidence: 0.5,
      });
    }

    const culprit = suspects.find((s) => s.confidence >= ROLLBACK_CONFIDENCE);
    let proposal: RemediationProposal | undefined;
    if (culprit) {
      const { change } = culprit;
      proposal = {
        title: `Roll back ${change.service} ${change.version} in ${change.environment}`,
        steps: [
          `Roll back ${change.service} in ${change.environment} to the version deployed before ${change.version}${change.url ? ` (${change.url})` : ""}`,
          `Confirm that "${incident.title}" recovers`,
          `Find what in ${change.version} broke before deploying it again`,
        ],
      };
    } else if (matching[0]) {
      proposal = { title: `Run the runbook "${matching[0].title}"`, steps: matching[0].steps };
    } else if (pastFix) {
      proposal = { title: pastFix.title, steps: pastFix.steps };
    }
    if (proposal) {
      evidence.push({
        kind: "remediation_proposed",
        summary: proposal.title,
        details: { steps: proposal.steps },
        confidence: culprit ? culprit.confidence : 0.5,
      });
    } else {
      evidence.push({
        kind: "no_remediation",
        summary: "No fix proposed: no recent change implicated, no matching runbook, no approved fix of a similar incident",
        details: { runbooksChecked: runbooks.length },
        confidence: 0,
      });
    }
    return { evidence, proposal };
  },
};
