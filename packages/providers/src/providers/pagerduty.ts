import type { NormalizedAlert, Severity } from "@causeflow/contracts";
import { z } from "zod";
import { present, requiredId } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseTimestamp } from "../timestamps";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** V3 webhook events that change nothing about an incident's state. */
const NO_OP_EVENTS = new Set(["pagey.ping", "incident.annotated", "incident.status_update_published"]);

const URGENCY_SEVERITY: Record<string, Severity> = { high: "high", low: "low" };

const PagerDutyEvent = z.object({
  event: z
    .object({
      id: z.string().optional(),
      event_type: z.string().min(1),
      resource_type: z.string().optional(),
      occurred_at: z.string().optional(),
      data: z.unknown(),
    })
    .loose(),
});

const IncidentData = z
  .object({
    id: requiredId,
    title: z.string().min(1),
    status: z.string().optional(),
    urgency: z.string().optional(),
    priority: z.object({ summary: z.string().optional() }).loose().nullable().optional(),
    service: z.object({ summary: z.string().optional() }).loose().nullable().optional(),
    html_url: z.string().optional(),
    created_at: z.string().optional(),
  })
  .loose();

const IncidentEvent = z.object({ event: z.object({ data: IncidentData }) });

function parse({ body, receivedAt }: ProviderInput): ParseOutcome {
  const envelope = PagerDutyEvent.safeParse(body);
  if (!envelope.success) throw PayloadError.fromZod("pagerduty", envelope.error);
  const { event } = envelope.data;
  if (NO_OP_EVENTS.has(event.event_type)) return { kind: "ignored", reason: event.event_type };
  if (event.resource_type !== "incident" && !event.event_type.startsWith("incident.")) {
    return { kind: "ignored", reason: event.event_type };
  }
  const incident = IncidentEvent.safeParse(body);
  if (!incident.success) throw PayloadError.fromZod("pagerduty", incident.error);
  const d = incident.data.event.data;
  const alert: NormalizedAlert = {
    sourceAlertId: d.id,
    title: d.title,
    description: "",
    severity: severityFromText(d.priority?.summary) ?? URGENCY_SEVERITY[d.urgency ?? ""] ?? DEFAULT_SEVERITY,
    status: d.status === "resolved" ? "resolved" : "firing",
    service: present(d.service?.summary) ?? null,
    environment: null,
    tags: {},
    occurredAt: (parseTimestamp(d.created_at) ?? parseTimestamp(event.occurred_at) ?? receivedAt).toISOString(),
    url: present(d.html_url) ?? null,
  };
  return { kind: "alerts", alerts: [alert] };
}

export const pagerduty: ProviderDefinition = {
  slug: "pagerduty",
  requiresCauseflowSignature: false,
  nativeSignature: "pagerduty",
  parse,
};
