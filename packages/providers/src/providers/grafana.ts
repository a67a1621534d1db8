import type { AlertStatus, NormalizedAlert, Severity } from "@causeflow/contracts";
import { z } from "zod";
import { labelMap, present, requiredId } from "../fields";
import { PayloadError } from "../payload-error";
import { normalizePrometheusStyle, PrometheusStyleAlert } from "../prometheus-alert";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** Unified alerting (Grafana 8+): a group of Prometheus-style alerts. */
const UnifiedPayload = z.object({ alerts: z.array(PrometheusStyleAlert) }).loose();

/** Legacy dashboard alerting, the shape of CauseFlow's documented example. */
const LegacyPayload = z
  .object({
    ruleId: requiredId,
    ruleName: z.string().min(1),
    ruleUrl: z.string().optional(),
    state: z.string(),
    message: z.string().optional(),
    title: z.string().optional(),
    tags: labelMap,
  })
  .loose();

/** Legacy state → what it means; `null` is a state that changes nothing. */
const LEGACY_STATES: Record<string, { status: AlertStatus; severity?: Severity } | null> = {
  alerting: { status: "firing" },
  ok: { status: "resolved" },
  no_data: { status: "firing", severity: "info" },
  paused: null,
  pending: null,
};

function parseLegacy(body: unknown, receivedAt: Date): ParseOutcome {
  const result = LegacyPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("grafana", result.error);
  const p = result.data;
  const state = p.state.toLowerCase();
  if (!(state in LEGACY_STATES)) throw PayloadError.single("grafana", "state", `unknown state '${p.state}'`);
  const meaning = LEGACY_STATES[state];
  if (!meaning) return { kind: "ignored", reason: `state_${state}` };
  const alert: NormalizedAlert = {
    sourceAlertId: p.ruleId,
    title: p.ruleName,
    description: p.message ?? "",
    severity: meaning.severity ?? severityFromText(p.tags.severity) ?? DEFAULT_SEVERITY,
    status: meaning.status,
    service: present(p.tags.service) ?? null,
    environment: present(p.tags.env) ?? present(p.tags.environment) ?? null,
    tags: p.tags,
    occurredAt: receivedAt.toISOString(),
    url: present(p.ruleUrl) ?? null,
  };
  return { kind: "alerts", alerts: [alert] };
}

function parse({ body, receivedAt }: ProviderInput): ParseOutcome {
  const isUnified = typeof body === "object" && body !== null && "alerts" in body;
  if (!isUnified) return parseLegacy(body, receivedAt);
  const result = UnifiedPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("grafana", result.error);
  if (result.data.alerts.length === 0) return { kind: "ignored", reason: "no_alerts" };
  return { kind: "alerts", alerts: result.data.alerts.map((a) => normalizePrometheusStyle(a, receivedAt)) };
}

export const grafana: ProviderDefinition = {
  slug: "grafana",
  requiresCauseflowSignature: false,
  // Grafana contact points treat any non-2xx as a failed notification.
  duplicateStatus: 200,
  nativeSignature: "grafana",
  parse,
};
