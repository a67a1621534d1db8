import type { Change, Incident } from "@causeflow/db";
import type { ChangeReader } from "./change-reader";

/** How far before the incident a change is a suspect, and how long after (clock skew). */
export const CHANGE_LOOKBACK_MINUTES = 60;
const CHANGE_LOOKAHEAD_MINUTES = 5;

export interface SuspectChange {
  change: Change;
  minutesBefore: number;
  /** Closer to the incident start → more likely the cause. */
  confidence: number;
}

/**
 * Deploys and config changes to the incident's service (and environment, when both name one)
 * shortly before the incident started, closest first.
 */
export async function suspectChanges(changeReader: ChangeReader, incident: Incident): Promise<SuspectChange[]> {
  if (!incident.service) return [];
  const start = incident.occurredAt.getTime();
  const changes = await changeReader.read({
    tenantId: incident.tenantId,
    service: incident.service,
    environment: incident.environment || null,
    from: new Date(start - CHANGE_LOOKBACK_MINUTES * 60_000),
    to: new Date(start + CHANGE_LOOKAHEAD_MINUTES * 60_000),
  });
  return changes.map((change) => {
    const minutesBefore = Math.round((start - change.occurredAt.getTime()) / 60_000);
    const distance = Math.abs(minutesBefore);
    return { change, minutesBefore, confidence: distance <= 10 ? 0.9 : distance <= 30 ? 0.7 : 0.5 };
  });
}
