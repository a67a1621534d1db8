import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { labelMap, present, requiredId } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseTimestamp } from "../timestamps";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** Google Cloud Monitoring webhook, schema version 1.2. */
const GcpPayload = z
  .object({
    version: z.string().optional(),
    incident: z
      .object({
        incident_id: requiredId,
        state: z.string().min(1),
        policy_name: z.string().min(1),
        severity: z.string().optional(),
        policy_user_labels: labelMap.nullable().optional(),
        resource: z.object({ labels: labelMap.nullable().optional() }).loose().nullable().optional(),
        url: z.string().optional(),
        started_at: z.union([z.number(), z.string()]).optional(),
        summary: z.string().optional(),
      })
      .loose(),
  })
  .loose();

const STATES: Record<string, "firing" | "resolved"> = { open: "firing", closed: "resolved" };

function parse({ body, receivedAt }: ProviderInput): ParseOutcome {
  if (typeof body === "object" && body !== null && (body as { version?: unknown }).version === "test") {
    return { kind: "ignored", reason: "test_notification" };
  }
  const result = GcpPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("gcp", result.error);
  const i = result.data.incident;
  const status = STATES[i.state.toLowerCase()];
  if (!status) throw PayloadError.single("gcp", "incident.state", `unknown state '${i.state}'`);
  const labels = i.policy_user_labels ?? {};
  const severity = i.severity && i.severity.toLowerCase() !== "no severity" ? severityFromText(i.severity) : undefined;
  const alert: NormalizedAlert = {
    sourceAlertId: i.incident_id,
    title: i.policy_name,
    description: i.summary ?? "",
    severity: severity ?? severityFromText(labels.severity) ?? DEFAULT_SEVERITY,
    status,
    service: present(labels.service) ?? present(i.resource?.labels?.service_name) ?? null,
    environment: present(labels.env) ?? present(labels.environment) ?? null,
    tags: labels,
    occurredAt: (parseTimestamp(i.started_at) ?? receivedAt).toISOString(),
    url: present(i.url) ?? null,
  };
  return { kind: "alerts", alerts: [alert] };
}

export const gcp: ProviderDefinition = { slug: "gcp", requiresCauseflowSignature: false, parse };
