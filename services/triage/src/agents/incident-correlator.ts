import type { EvidenceRecord } from "@causeflow/contracts";
import { readConcurrentIncidentsOf, readPastIncidentsOf, type Incident } from "@causeflow/db";
import { BACKGROUND_BATCHING, batcherPerClient } from "@causeflow/domain";
import type { Agent } from "./agent";

/** Other incidents within this many minutes of the incident's start are "at the same time". */
export const CORRELATION_WINDOW_MINUTES = 30;
/** Open incidents on at least this many other services at once look like a shared cause. */
const STORM_SERVICES = 3;

/** The reads of the correlators running at once, one statement each per micro-batch. */
const concurrentOn = batcherPerClient(readConcurrentIncidentsOf, BACKGROUND_BATCHING);
const pastOn = batcherPerClient(
  (prisma, incidents: Incident[]) => readPastIncidentsOf(prisma, incidents, 20),
  BACKGROUND_BATCHING,
);

/**
 * Related open incidents in a time window (same service, or many services at once), and past
 * incidents with the same key or title: how they were resolved and how long it took.
 */
export const incidentCorrelator: Agent = {
  name: "incident_correlator",
  async run({ prisma, incident }) {
    const start = incident.occurredAt.getTime();
    const window = CORRELATION_WINDOW_MINUTES * 60_000;
    const [concurrent, past] = await Promise.all([
      concurrentOn(prisma).submit({ incident, from: new Date(start - window), to: new Date(start + window), take: 100 }),
      pastOn(prisma).submit(incident),
    ]);
    const evidence: EvidenceRecord[] = [];

    const sameService = incident.service ? concurrent.filter((i) => i.service === incident.service) : [];
    if (sameService.length > 0) {
      evidence.push({
        kind: "related_incidents",
        summary: `${sameService.length} other open incident(s) on ${incident.service} within ${CORRELATION_WINDOW_MINUTES} min: ${sameService
          .slice(0, 3)
          .map((i) => `"${i.title}"`)
          .join(", ")}`,
        details: { incidentIds: sameService.map((i) => i.id), windowMinutes: CORRELATION_WINDOW_MINUTES },
        confidence: 0.6,
      });
    }
    const services = new Set(concurrent.map((i) => i.service).filter((s): s is string => !!s && s !== incident.service));
    if (services.size >= STORM_SERVICES) {
      evidence.push({
        kind: "incident_storm",
        summary: `Incidents are open on ${services.size} other services at the same time (${[...services].slice(0, 5).join(", ")}): a shared dependency is likely`,
        details: { services: [...services], incidentIds: concurrent.map((i) => i.id), windowMinutes: CORRELATION_WINDOW_MINUTES },
        confidence: 0.6,
      });
    }
    if (past.length > 0) {
      const durations = past.filter((i) => i.resolvedAt).map((i) => (i.resolvedAt!.getTime() - i.firstSeenAt.getTime()) / 60_000);
      const median = durations.length ? durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)]! : null;
      evidence.push({
        kind: "recurrence",
        summary: `Seen ${past.length} time(s) before${median !== null ? `; resolved after a median of ${Math.round(median)} min` : ""} (last: ${past[0]!.createdAt.toISOString()})`,
        details: {
          pastIncidents: past.map((i) => ({
            incidentId: i.id,
            status: i.status,
            createdAt: i.createdAt.toISOString(),
            resolvedAt: i.resolvedAt?.toISOString() ?? null,
          })),
          medianMinutesToResolve: median,
        },
        confidence: 0.4,
      });
    }
    if (evidence.length === 0) {
      evidence.push({
        kind: "no_correlation",
        summary: `No other open incident within ${CORRELATION_WINDOW_MINUTES} min and no earlier incident with the same key or title`,
        details: { windowMinutes: CORRELATION_WINDOW_MINUTES },
        confidence: 0.3,
      });
    }
    return { evidence };
  },
};
