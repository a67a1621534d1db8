import type { Incident, Runbook } from "@causeflow/db";

/**
 * True when every criterion the runbook sets matches: service equal, title pattern (a
 * case-insensitive regular expression) found in the title, every tag present with its value.
 */
export function runbookMatches(runbook: Runbook, incident: Incident): boolean {
  if (runbook.matchService && runbook.matchService !== incident.service) return false;
  if (runbook.matchTitlePattern) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(runbook.matchTitlePattern, "i");
    } catch {
      return false;
    }
    if (!pattern.test(incident.title)) return false;
  }
  const tags = (incident.tags ?? {}) as Record<string, string>;
  return Object.entries((runbook.matchTags ?? {}) as Record<string, string>).every(([k, v]) => tags[k] === v);
}
