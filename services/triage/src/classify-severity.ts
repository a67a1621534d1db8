import { SEVERITIES, type Severity, type TriageRule } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";

export interface Classification {
  severity: Severity;
  /** One sentence per rule that changed the severity. */
  reasons: string[];
}

/** Open incidents of the tenant on the service opened in the last `windowMinutes`, counted up to `cap`. */
export type StormCounter = (question: {
  tenantId: string;
  service: string;
  windowMinutes: number;
  cap: number;
}) => Promise<number>;

/**
 * A storm rule counts open incidents up to this many (or its `minIncidents`, when larger): whether
 * it fires is exact, and a storm of any size costs a count this long.
 */
export const STORM_COUNT_CAP = 1000;

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
        const { tenantId, service } = incident;
        if (!service) break;
        const cap = Math.max(rule.minIncidents, STORM_COUNT_CAP);
        const open = await countStorm({ tenantId, service, windowMinutes: rule.windowMinutes, cap });
        const counted = open >= cap ? `${cap}+` : String(open);
        if (open >= rule.minIncidents)
          apply(rule.adjust, `alert storm: ${counted} open incidents on ${service} within ${rule.windowMinutes} min`);
        break;
      }
    }
  }
  return { severity, reasons };
}
