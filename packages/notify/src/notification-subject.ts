import type { Activity, RootCause, Severity } from "@causeflow/contracts";

/** The incident an entry is about, as messages show it. */
export interface IncidentSnapshot {
  incidentId: string;
  title: string;
  severity: Severity;
  status: string;
  source: string;
  service: string | null;
  environment: string | null;
  duplicateCount: number;
  url: string | null;
}

/** Everything a message is made of: the activity entry, its incident now, what the investigation found. */
export interface NotificationSubject {
  activity: Activity;
  incident: IncidentSnapshot | null;
  rootCause: RootCause | null;
  proposal: { title: string; steps: string[] } | null;
  /** Link to the incident in the console (PUBLIC_URL/incidents/<id>), when there is an incident. */
  consoleUrl: string | null;
}

export const SEVERITY_BADGE: Record<Severity, { label: string; emoji: string; colour: string }> = {
  // Shape and word as well as colour, so the severity reads without colour vision.
  critical: { label: "CRITICAL", emoji: "🔴", colour: "#b42318" },
  high: { label: "HIGH", emoji: "🟠", colour: "#c4320a" },
  medium: { label: "MEDIUM", emoji: "🟡", colour: "#a15c07" },
  low: { label: "LOW", emoji: "🔵", colour: "#175cd3" },
  info: { label: "INFO", emoji: "⚪", colour: "#475467" },
};

/** One line that says what happened: the severity, the title, the change. */
export function headline(subject: NotificationSubject): string {
  const { incident, activity } = subject;
  if (!incident) return activity.message;
  return `[${SEVERITY_BADGE[incident.severity].label}] ${incident.title}: ${activity.message}`;
}
