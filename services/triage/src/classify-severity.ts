import { SEVERITIES, type Severity, type TriageRule } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";

export interface Classification {
  severity: Severity;
  /** One sentence per rule that changed the severity. */
  reasons: string[];
}

/** Open incidents of the same tenant and service opened in the last `windowMinutes`. */
export type StormCounter = (incident: Incident, windowMinutes: number) => Promise<number>;

/** Moves a severity by whole levels (+1 = more urgent), staying within critical…info. */
export function shiftSeverity(severity: Severity, adjust: number): Severity {
  const index = SEVERITIES.indexOf(severity) - adjust;
  return SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(0, index))]!;
}

/**
 * Starts from the normalized severity and applies the tenant's rules in order, each recorded as a
 * reason. With no rules the normalized severity stands.
 */
export async function classifySeverity(
  incident: Incident,
  rules: readonly TriageRule[],
  countStorm: StormCounter,
): Promise<Classification> {
  let severity: Severity = incident.severity;
  const reasons: string[] = [];
  const apply = (adjust: number, why: string) => {
    const next = shiftSeverity(severity, adjust);
    if (next !== severity) reasons.push(`${why}: ${severity} → ${next}`);
    severity = next;
  };
  for (const rule of rules) {
    switch (rule.kind) {
      case "environment":
        if (incident.environment?.toLowerCase() === rule.environment.toLowerCase())
          apply(rule.adjust, `environment is ${rule.environment}`);
        break;
      case "service":
        if (incident.service === rule.service)
          apply(rule.adjust, `service ${rule.service} is flagged (${rule.adjust > 0 ? "+" : ""}${rule.adjust})`);
        break;
      case "storm": {
        if (!incident.service) break;
        const open = await countStorm(incident, rule.windowMinutes);
        if (open >= rule.minIncidents)
          apply(rule.adjust, `alert storm: ${open} open incidents on ${incident.service} within ${rule.windowMinutes} min`);
        break;
      }
    }
  }
  return { severity, reasons };
}
