import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { labelMap, present } from "./fields";
import { DEFAULT_SEVERITY, severityFromText } from "./severity-vocabulary";
import { parseTimestamp } from "./timestamps";

/** One entry of a Grafana unified-alerting or Prometheus Alertmanager notification. */
export const PrometheusStyleAlert = z
  .object({
    status: z.enum(["firing", "resolved"]),
    labels: labelMap,
    annotations: labelMap,
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
    generatorURL: z.string().optional(),
    fingerprint: z.string().min(1),
  })
  .loose();
export type PrometheusStyleAlert = z.infer<typeof PrometheusStyleAlert>;

/** Grafana's synthetic alerts, whose alertname says nothing about the rule. */
const SYNTHETIC_ALERTNAMES = new Set(["DatasourceNoData", "DatasourceError"]);

/** The normalized alert of one entry (shared rules of providers.md for Grafana unified and Alertmanager). */
export function normalizePrometheusStyle(entry: PrometheusStyleAlert, receivedAt: Date): NormalizedAlert {
  const { labels, annotations } = entry;
  const alertname = present(labels.alertname);
  const title =
    (alertname && SYNTHETIC_ALERTNAMES.has(alertname) ? present(labels.rulename) : undefined) ??
    alertname ??
    present(labels.rulename) ??
    entry.fingerprint;
  return {
    sourceAlertId: entry.fingerprint,
    title,
    description: present(annotations.summary) ?? present(annotations.description) ?? "",
    severity: severityFromText(labels.severity) ?? DEFAULT_SEVERITY,
    status: entry.status,
    service: present(labels.service) ?? null,
    environment: present(labels.env) ?? present(labels.environment) ?? null,
    tags: labels,
    occurredAt: (parseTimestamp(entry.startsAt) ?? receivedAt).toISOString(),
    url: present(entry.generatorURL) ?? null,
  };
}
