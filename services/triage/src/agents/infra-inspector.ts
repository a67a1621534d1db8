import type { EvidenceRecord } from "@causeflow/contracts";
import { UrlNotAllowed } from "@causeflow/outbound";
import type { Agent } from "./agent";
import { beforeAfter, queryRange } from "./prometheus-client";

const BEFORE_MINUTES = 30;
const AFTER_MINUTES = 10;

/**
 * Queries the tenant's Prometheus-compatible endpoint for the service's `up` and error-rate series
 * around the incident start and reports what changed; without a connected source it says so.
 */
export const infraInspector: Agent = {
  name: "infra_inspector",
  async run({ incident, settings, request, signal }) {
    const { prometheusUrl, queries } = settings.metrics;
    if (!prometheusUrl) {
      return {
        evidence: [
          { kind: "no_metrics_source", summary: "No metrics source is connected for this tenant", details: {}, confidence: 0 },
        ],
      };
    }
    if (!incident.service) {
      return {
        evidence: [
          { kind: "no_data", summary: "The incident names no service, so no series can be queried", details: {}, confidence: 0 },
        ],
      };
    }
    const start = incident.occurredAt.getTime();
    const range = {
      start: new Date(start - BEFORE_MINUTES * 60_000),
      end: new Date(start + AFTER_MINUTES * 60_000),
      stepSeconds: 60,
    };
    const evidence: EvidenceRecord[] = [];
    for (const [name, template] of Object.entries(queries) as [keyof typeof queries, string][]) {
      const query = template.replaceAll("$service", incident.service);
      let samples;
      try {
        samples = await queryRange(request, prometheusUrl, query, range, signal);
      } catch (error) {
        if (!(error instanceof UrlNotAllowed)) throw error;
        return {
          evidence: [
            {
              kind: "metrics_source_refused",
              summary: `The metrics source was not queried: ${error.message}`,
              details: { prometheusUrl },
              confidence: 0,
            },
          ],
        };
      }
      const { before, after } = beforeAfter(samples, start);
      if (before === null || after === null) {
        evidence.push({
          kind: `${name}_no_data`,
          summary: `No ${name} samples for ${incident.service} around the incident`,
          details: { query },
          confidence: 0,
        });
        continue;
      }
      const changed = name === "up" ? after < before - 0.1 : after > Math.max(before * 1.5, before + 0.01);
      evidence.push({
        kind: changed ? `${name}_changed` : `${name}_steady`,
        summary: changed
          ? name === "up"
            ? `${incident.service} availability dropped from ${before.toFixed(2)} to ${after.toFixed(2)} (up) at the incident start`
            : `${incident.service} error rate rose from ${before.toFixed(3)} to ${after.toFixed(3)}/s at the incident start`
          : `${incident.service} ${name} unchanged around the incident start (${before.toFixed(3)} → ${after.toFixed(3)})`,
        details: { query, before, after, samples: samples.length, from: range.start.toISOString(), to: range.end.toISOString() },
        confidence: changed ? 0.7 : 0.4,
      });
    }
    return { evidence };
  },
};
