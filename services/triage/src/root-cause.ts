import { RecentChangeDetails, type RootCause } from "@causeflow/contracts";
import type { Evidence } from "@causeflow/db";

/**
 * The root-cause summary and its confidence, from the evidence: an implicated change first (named
 * with its version), then an infrastructure change, an incident storm, a recurrence. Null when no
 * evidence implicates anything.
 */
export function deriveRootCause(evidence: readonly Evidence[]): RootCause | null {
  const best = (kind: string | ((k: string) => boolean)) =>
    evidence
      .filter((e) => (typeof kind === "string" ? e.kind === kind : kind(e.kind)))
      .sort((a, b) => b.confidence - a.confidence)[0];
  const change = best("recent_change");
  const infra = best((k) => k.endsWith("_changed"));
  if (change) {
    const d = RecentChangeDetails.parse(change.details);
    const corroborated = infra ? " Metrics changed at the same time." : "";
    return {
      summary: `Likely caused by the deploy of ${d.service} ${d.version} to ${d.environment}, ${d.minutesBefore} min before the incident started.${corroborated}`,
      confidence: Math.min(0.95, change.confidence + (infra ? 0.05 : 0)),
    };
  }
  if (infra)
    return { summary: `Infrastructure change at the incident start: ${infra.summary}.`, confidence: infra.confidence * 0.8 };
  const storm = best("incident_storm");
  if (storm) return { summary: `${storm.summary}.`, confidence: storm.confidence * 0.8 };
  const recurrence = best("recurrence");
  if (recurrence)
    return { summary: `Known recurring incident: ${recurrence.summary}.`, confidence: recurrence.confidence * 0.75 };
  return null;
}
