import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { labelMap, present } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { parseTimestamp } from "../timestamps";
import type { ProviderDefinition, ProviderInput } from "../types";

/** Azure Monitor common alert schema. */
const AzurePayload = z
  .object({
    schemaId: z.string().optional(),
    data: z
      .object({
        essentials: z
          .object({
            alertId: z.string().min(1),
            alertRule: z.string().min(1),
            severity: z.string().optional(),
            monitorCondition: z.enum(["Fired", "Resolved"]),
            description: z.string().nullable().optional(),
            configurationItems: z.array(z.string()).nullable().optional(),
            firedDateTime: z.string().optional(),
            investigationLink: z.string().optional(),
          })
          .loose(),
        customProperties: labelMap.nullable().optional(),
      })
      .loose(),
  })
  .loose();

function parse({ body, receivedAt }: ProviderInput) {
  const result = AzurePayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("azure", result.error);
  const { essentials: e } = result.data.data;
  const props = result.data.data.customProperties ?? {};
  const alert: NormalizedAlert = {
    sourceAlertId: e.alertId,
    title: e.alertRule,
    description: e.description ?? "",
    severity: severityFromText(e.severity) ?? DEFAULT_SEVERITY,
    status: e.monitorCondition === "Resolved" ? "resolved" : "firing",
    service: present(props.service) ?? present(e.configurationItems?.[0]) ?? null,
    environment: present(props.environment) ?? present(props.env) ?? null,
    tags: props,
    occurredAt: (parseTimestamp(e.firedDateTime) ?? receivedAt).toISOString(),
    url: present(e.investigationLink) ?? null,
  };
  return { kind: "alerts" as const, alerts: [alert] };
}

export const azure: ProviderDefinition = { slug: "azure", requiresCauseflowSignature: false, parse };
