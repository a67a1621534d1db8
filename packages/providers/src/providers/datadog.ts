import type { NormalizedAlert, Severity } from "@causeflow/contracts";
import { z } from "zod";
import { present, textField } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseKeyValueTags } from "../tags";
import { parseTimestamp } from "../timestamps";
import type { ProviderDefinition, ProviderInput } from "../types";

/** Datadog renders unset template variables as ""; those count as absent. */
const text = textField;

/** The three accepted shapes (documented, stock template, recommended template) share these fields. */
const DatadogPayload = z
  .object({
    id: text,
    alert_id: text,
    alert_cycle_key: text,
    aggreg_key: text,
    alert_scope: text,
    title: text,
    alert_title: text,
    text: z.string().optional(),
    body: z.string().optional(),
    alert_type: text,
    priority: text,
    alert_priority: text,
    alert_transition: text,
    tags: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).optional(),
    link: text,
    date: text,
  })
  .loose();

const RESOLVED_TRANSITIONS = ["recovered"];

/** `alert_type` → severity, when no priority is given. */
const ALERT_TYPE_SEVERITY: Record<string, Severity> = {
  error: "high",
  warning: "medium",
  info: "info",
  success: "info",
};

/** Datadog's own title prefixes: `[P1]`…`[P5]` and `[Triggered on {host:a}]`-style state markers. */
const TITLE_PREFIX =
  /^\s*(?:\[P[1-5]\]|\[(?:Triggered|Re-Triggered|Recovered|Warn|Re-Warn|No Data|Re-No Data|Renotify)(?: on \{[^}]*\})?\])\s*/i;

export function stripDatadogPrefixes(title: string): string {
  let rest = title;
  for (let match = TITLE_PREFIX.exec(rest); match; match = TITLE_PREFIX.exec(rest)) rest = rest.slice(match[0].length);
  return rest.trim() || title.trim();
}

function sourceAlertId(p: z.infer<typeof DatadogPayload>): string | undefined {
  const alertId = present(p.alert_id);
  const scope = present(p.alert_scope);
  return (
    present(p.alert_cycle_key) ?? present(p.aggreg_key) ?? (alertId && scope ? `${alertId}:${scope}` : alertId) ?? present(p.id)
  );
}

function status(p: z.infer<typeof DatadogPayload>, rawTitle: string): NormalizedAlert["status"] {
  const transition = present(p.alert_transition)?.toLowerCase();
  if (transition) return RESOLVED_TRANSITIONS.includes(transition) ? "resolved" : "firing";
  if (/^\s*(\[P[1-5]\]\s*)*\[Recovered/i.test(rawTitle)) return "resolved";
  return p.alert_type?.toLowerCase() === "success" ? "resolved" : "firing";
}

function severity(p: z.infer<typeof DatadogPayload>): Severity {
  const priority = severityFromText(present(p.alert_priority) ?? present(p.priority));
  return priority ?? ALERT_TYPE_SEVERITY[p.alert_type?.toLowerCase() ?? ""] ?? DEFAULT_SEVERITY;
}

function parse({ body, receivedAt }: ProviderInput) {
  const result = DatadogPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("datadog", result.error);
  const p = result.data;
  const rawTitle = present(p.title) ?? present(p.alert_title);
  if (!rawTitle) throw PayloadError.single("datadog", "title", "title is required");
  const id = sourceAlertId(p);
  if (!id) {
    throw PayloadError.single("datadog", "alert_id", "one of alert_cycle_key, aggreg_key, alert_id or id is required");
  }
  const tags = parseKeyValueTags(p.tags);
  const occurredAt = parseTimestamp(p.date) ?? receivedAt;
  const alert: NormalizedAlert = {
    sourceAlertId: id,
    title: stripDatadogPrefixes(rawTitle),
    description: p.text ?? p.body ?? "",
    severity: severity(p),
    status: status(p, rawTitle),
    service: present(tags.service) ?? null,
    environment: present(tags.env) ?? null,
    tags,
    occurredAt: occurredAt.toISOString(),
    url: present(p.link) ?? null,
  };
  return { kind: "alerts" as const, alerts: [alert] };
}

export const datadog: ProviderDefinition = {
  slug: "datadog",
  requiresCauseflowSignature: false,
  parse,
};
