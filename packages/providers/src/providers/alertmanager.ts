import { z } from "zod";
import { PayloadError } from "../payload-error";
import { normalizePrometheusStyle, PrometheusStyleAlert } from "../prometheus-alert";
import type { ProviderDefinition, ProviderInput } from "../types";

/** Alertmanager webhook, version "4". `truncatedAlerts > 0` means some were dropped: parse what is there. */
const AlertmanagerPayload = z
  .object({
    version: z.string().optional(),
    status: z.enum(["firing", "resolved"]).optional(),
    alerts: z.array(PrometheusStyleAlert),
    truncatedAlerts: z.number().optional(),
  })
  .loose();

function parse({ body, receivedAt }: ProviderInput) {
  const result = AlertmanagerPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("alertmanager", result.error);
  if (result.data.alerts.length === 0) return { kind: "ignored" as const, reason: "no_alerts" };
  return { kind: "alerts" as const, alerts: result.data.alerts.map((a) => normalizePrometheusStyle(a, receivedAt)) };
}

export const alertmanager: ProviderDefinition = {
  slug: "alertmanager",
  requiresCauseflowSignature: false,
  // Alertmanager counts a 409 as a failed notification and re-sends every group_interval.
  duplicateStatus: 200,
  parse,
};
