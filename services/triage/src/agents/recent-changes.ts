import { readChangesOf, type Change, type Incident, type PrismaClient } from "@causeflow/db";
import { BACKGROUND_BATCHING, batcherPerClient } from "@causeflow/domain";

/** How far before the incident a change is a suspect, and how long after (clock skew). */
export const CHANGE_LOOKBACK_MINUTES = 60;
const CHANGE_LOOKAHEAD_MINUTES = 5;

/**
 * The changes of concurrent agent runs' windows, one statement per micro-batch; a window already
 * queued or being read is not read again (change_detector and remediation_planner of one
 * investigation ask for the same one at about the same time).
 */
const changesOn = batcherPerClient(readChangesOf, {
  ...BACKGROUND_BATCHING,
  key: (w) => JSON.stringify([w.tenantId, w.service, w.environment, w.from, w.to]),
});

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
export async function suspectChanges(prisma: PrismaClient, incident: Incident): Promise<SuspectChange[]> {
  if (!incident.service) return [];
  const start = incident.occurredAt.getTime();
  const changes = await changesOn(prisma).submit({
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
