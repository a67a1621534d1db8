import type { NormalizedAlert, Severity } from "@causeflow/contracts";
import { z } from "zod";
import { present, requiredId } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseTimestamp } from "../timestamps";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** Sentry event tags arrive as `[key, value]` pairs. */
const eventTags = z
  .array(z.tuple([z.string(), z.union([z.string(), z.number(), z.null()])]))
  .optional()
  .transform((pairs) => Object.fromEntries((pairs ?? []).map(([k, v]) => [k, v === null ? "" : String(v)])));

const EventAlert = z.object({
  data: z.object({
    event: z
      .object({
        issue_id: requiredId,
        title: z.string().min(1),
        level: z.string().optional(),
        environment: z.string().nullable().optional(),
        web_url: z.string().optional(),
        url: z.string().optional(),
        datetime: z.string().optional(),
        culprit: z.string().nullable().optional(),
        message: z.string().nullable().optional(),
        tags: eventTags,
      })
      .loose(),
    triggered_rule: z.string().optional(),
  }),
});

const IssueEvent = z.object({
  action: z.string(),
  data: z.object({
    issue: z
      .object({
        id: requiredId,
        title: z.string().min(1),
        level: z.string().optional(),
        culprit: z.string().nullable().optional(),
        web_url: z.string().optional(),
        permalink: z.string().nullable().optional(),
        project: z.object({ slug: z.string() }).loose().optional(),
        lastSeen: z.string().optional(),
      })
      .loose(),
  }),
});

const MetricAlert = z.object({
  action: z.string(),
  data: z.object({
    description_text: z.string().optional(),
    web_url: z.string().optional(),
    metric_alert: z
      .object({
        id: requiredId,
        date_started: z.string().optional(),
        alert_rule: z
          .object({
            name: z.string().min(1),
            projects: z.array(z.string()).optional(),
            environment: z.string().nullable().optional(),
          })
          .loose(),
      })
      .loose(),
  }),
});

/** metric_alert action → status and severity. */
const METRIC_ACTIONS: Record<string, { status: "firing" | "resolved"; severity?: Severity }> = {
  critical: { status: "firing", severity: "critical" },
  warning: { status: "firing", severity: "medium" },
  resolved: { status: "resolved" },
};

/** `/api/0/projects/<org>/<project>/events/<id>/` → `<project>`. */
function projectSlug(apiUrl: string | undefined): string | null {
  return apiUrl?.match(/\/projects\/[^/]+\/([^/]+)\//)?.[1] ?? null;
}

function checked<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("sentry", result.error);
  return result.data;
}

function parse({ body, headers, receivedAt }: ProviderInput): ParseOutcome {
  const resource = headers["sentry-hook-resource"];
  if (!resource) throw PayloadError.single("sentry", "headers.sentry-hook-resource", "Sentry-Hook-Resource header is required");
  const base = { occurredAt: receivedAt.toISOString(), tags: {} as Record<string, string> };

  if (resource === "event_alert") {
    const { event } = checked(EventAlert, body).data;
    const alert: NormalizedAlert = {
      ...base,
      sourceAlertId: event.issue_id,
      title: event.title,
      description: present(event.message) ?? present(event.culprit) ?? "",
      severity: severityFromText(event.level) ?? DEFAULT_SEVERITY,
      status: "firing",
      service: projectSlug(event.url),
      environment: present(event.environment) ?? null,
      tags: event.tags,
      occurredAt: (parseTimestamp(event.datetime) ?? receivedAt).toISOString(),
      url: present(event.web_url) ?? null,
    };
    return { kind: "alerts", alerts: [alert] };
  }

  if (resource === "issue") {
    const p = checked(IssueEvent, body);
    if (p.action !== "resolved") return { kind: "ignored", reason: `issue_${p.action}` };
    const { issue } = p.data;
    const alert: NormalizedAlert = {
      ...base,
      sourceAlertId: issue.id,
      title: issue.title,
      description: present(issue.culprit) ?? "",
      severity: severityFromText(issue.level) ?? DEFAULT_SEVERITY,
      status: "resolved",
      service: present(issue.project?.slug) ?? null,
      environment: null,
      url: present(issue.web_url) ?? present(issue.permalink) ?? null,
    };
    return { kind: "alerts", alerts: [alert] };
  }

  if (resource === "metric_alert") {
    const p = checked(MetricAlert, body);
    const meaning = METRIC_ACTIONS[p.action];
    if (!meaning) throw PayloadError.single("sentry", "action", `unknown metric_alert action '${p.action}'`);
    const { metric_alert: m } = p.data;
    const alert: NormalizedAlert = {
      ...base,
      sourceAlertId: m.id,
      title: m.alert_rule.name,
      description: p.data.description_text ?? "",
      severity: meaning.severity ?? DEFAULT_SEVERITY,
      status: meaning.status,
      service: m.alert_rule.projects?.[0] ?? null,
      environment: present(m.alert_rule.environment) ?? null,
      occurredAt: (parseTimestamp(m.date_started) ?? receivedAt).toISOString(),
      url: present(p.data.web_url) ?? null,
    };
    return { kind: "alerts", alerts: [alert] };
  }

  return { kind: "ignored", reason: `resource_${resource}` };
}

export const sentry: ProviderDefinition = {
  slug: "sentry",
  requiresCauseflowSignature: false,
  // Sentry wants an answer within 1 s and disables a webhook after repeated timeouts.
  maxVerdictWaitMs: 800,
  nativeSignature: "sentry",
  parse,
};
