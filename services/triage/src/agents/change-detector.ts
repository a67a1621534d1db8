import type { Agent } from "./agent";
import { CHANGE_LOOKBACK_MINUTES, suspectChanges } from "./recent-changes";

/** Finds deploys and config changes to the same service and environment shortly before the incident. */
export const changeDetector: Agent = {
  name: "change_detector",
  async run({ prisma, incident }) {
    if (!incident.service) {
      return {
        evidence: [
          {
            kind: "no_data",
            summary: "The incident names no service, so no change can be matched to it",
            details: {},
            confidence: 0,
          },
        ],
      };
    }
    const suspects = await suspectChanges(prisma, incident);
    if (suspects.length === 0) {
      return {
        evidence: [
          {
            kind: "no_recent_change",
            summary: `No deploy or config change to ${incident.service}${incident.environment ? ` (${incident.environment})` : ""} recorded in the ${CHANGE_LOOKBACK_MINUTES} minutes before the incident`,
            details: { service: incident.service, environment: incident.environment, lookbackMinutes: CHANGE_LOOKBACK_MINUTES },
            confidence: 0.5,
          },
        ],
      };
    }
    return {
      evidence: suspects.map(({ change, minutesBefore, confidence }) => ({
        kind: "recent_change",
        summary: `${change.service} ${change.version} was deployed to ${change.environment} ${minutesBefore >= 0 ? `${minutesBefore} min before` : `${-minutesBefore} min after`} the incident started`,
        details: {
          changeId: change.id,
          service: change.service,
          environment: change.environment,
          version: change.version,
          description: change.description,
          url: change.url,
          occurredAt: change.occurredAt.toISOString(),
          minutesBefore,
          source: change.source,
        },
        confidence,
      })),
    };
  },
};
