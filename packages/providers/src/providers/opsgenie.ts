import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { present, requiredId, textField } from "../fields";
import { PayloadError } from "../payload-error";
import { severityFromText } from "../severity-vocabulary";
import { parseKeyValueTags } from "../tags";
import { parseTimestamp } from "../timestamps";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** Actions that end the alert; notes change nothing; every other action keeps it firing. */
const RESOLVING_ACTIONS = new Set(["close", "delete"]);
const NO_OP_ACTIONS = new Set(["addnote"]);

const OpsgeniePayload = z
  .object({
    action: z.string().min(1),
    alert: z
      .object({
        alertId: requiredId,
        alias: z.string().optional(),
        message: z.string().min(1),
        description: z.string().optional(),
        tags: z.array(z.string()).optional(),
        entity: z.string().optional(),
        priority: textField,
        createdAt: z.union([z.number(), z.string()]).optional(),
      })
      .loose(),
  })
  .loose();

function parse({ body, receivedAt }: ProviderInput): ParseOutcome {
  const result = OpsgeniePayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("opsgenie", result.error);
  const { action, alert: a } = result.data;
  if (NO_OP_ACTIONS.has(action.toLowerCase())) return { kind: "ignored", reason: `action_${action}` };
  const alert: NormalizedAlert = {
    sourceAlertId: a.alertId,
    title: a.message,
    description: a.description ?? "",
    severity: severityFromText(present(a.priority) ?? "P3") ?? "medium",
    status: RESOLVING_ACTIONS.has(action.toLowerCase()) ? "resolved" : "firing",
    service: present(a.entity) ?? null,
    environment: null,
    tags: parseKeyValueTags(a.tags),
    occurredAt: (parseTimestamp(a.createdAt) ?? receivedAt).toISOString(),
    url: null,
  };
  return { kind: "alerts", alerts: [alert] };
}

export const opsgenie: ProviderDefinition = { slug: "opsgenie", requiresCauseflowSignature: false, parse };
