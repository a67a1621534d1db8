import { StringMap } from "@causeflow/contracts/http";
import type { Incident, Runbook } from "@causeflow/db";
import { compileLinearPattern, InvalidPattern } from "@causeflow/domain";

/**
 * True when every criterion the runbook sets matches: service equal, title pattern (a
 * case-insensitive RE2 expression, linear time) found in the title, every tag present with its value.
 */
export function runbookMatches(runbook: Runbook, incident: Incident): boolean {
  if (runbook.matchService && runbook.matchService !== incident.service) return false;
  if (runbook.matchTitlePattern) {
    try {
      if (!compileLinearPattern(runbook.matchTitlePattern, { caseInsensitive: true }).test(incident.title)) return false;
    } catch (error) {
      if (error instanceof InvalidPattern) return false;
      throw error;
    }
  }
  const tags = StringMap.catch({}).parse(incident.tags);
  return Object.entries(StringMap.catch({}).parse(runbook.matchTags)).every(([k, v]) => tags[k] === v);
}
