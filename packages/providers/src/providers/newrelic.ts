import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { present, requiredId } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseTimestamp } from "../timestamps";
import type { ProviderDefinition, ProviderInput } from "../types";

/** New Relic workflow webhook, default payload template. */
const NewRelicPayload = z
  .object({
    id: requiredId,
    title: z.string().min(1),
    state: z.string().min(1),
    priority: z.string().optional(),
    impactedEntities: z.array(z.string()).optional(),
    issueUrl: z.string().optional(),
    createdAt: z.union([z.number(), z.string()]).optional(),
    alertPolicyNames: z.array(z.string()).optional(),
    alertConditionNames: z.array(z.string()).optional(),
  })
  .loose();

function parse({ body, receivedAt }: ProviderInput) {
  const result = NewRelicPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("newrelic", result.error);
  const p = result.data;
  const tags: Record<string, string> = {};
  if (p.alertPolicyNames?.[0]) tags.policy = p.alertPolicyNames[0];
  if (p.alertConditionNames?.[0]) tags.condition = p.alertConditionNames[0];
  const alert: NormalizedAlert = {
    sourceAlertId: p.id,
    title: p.title,
    description: p.alertConditionNames?.join(", ") ?? "",
    severity: severityFromText(p.priority) ?? DEFAULT_SEVERITY,
    status: p.state.toUpperCase() === "CLOSED" ? "resolved" : "firing",
    service: present(p.impactedEntities?.[0]) ?? null,
    environment: null,
    tags,
    occurredAt: (parseTimestamp(p.createdAt) ?? receivedAt).toISOString(),
    url: present(p.issueUrl) ?? null,
  };
  return { kind: "alerts" as const, alerts: [alert] };
}

export const newrelic: ProviderDefinition = { slug: "newrelic", requiresCauseflowSignature: false, parse };
