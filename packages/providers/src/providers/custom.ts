import { createHash } from "node:crypto";
import type { NormalizedAlert } from "@causeflow/contracts";
import { AlertStatus } from "@causeflow/contracts";
import { z } from "zod";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY, severityFromText } from "../severity-vocabulary";
import { stringifyValues } from "../tags";
import { parseTimestamp } from "../timestamps";
import type { ProviderDefinition, ProviderInput } from "../types";

const optionalText = z.string().trim().min(1).optional();

/** CauseFlow's generic format (providers.md, "custom"). Unknown fields are ignored. */
export const CustomAlertPayload = z
  .object({
    title: z.string({ error: "title is required" }).trim().min(1, "title must not be empty"),
    description: z.string({ error: "description is required" }),
    sourceAlertId: z.union([z.string().trim().min(1), z.number()]).optional(),
    externalId: z.union([z.string().trim().min(1), z.number()]).optional(),
    severity: z
      .union([z.string(), z.number()])
      .optional()
      .refine((v) => v === undefined || severityFromText(v) !== undefined, {
        message: "unknown severity: use critical, high, medium, low or info (or P1-P5, Sev0-Sev4)",
      }),
    status: AlertStatus.default("firing"),
    service: optionalText,
    environment: optionalText,
    tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    occurredAt: z
      .union([z.string(), z.number()])
      .optional()
      .refine((v) => v === undefined || parseTimestamp(v) !== null, {
        message: "must be an ISO 8601 time or epoch seconds/milliseconds",
      }),
    url: z.url().optional(),
  })
  .loose();
export type CustomAlertPayload = z.infer<typeof CustomAlertPayload>;

/** Stable id for alerts that carry none, so identical alerts still deduplicate. */
export function contentFingerprint(title: string, service?: string, environment?: string): string {
  const digest = createHash("sha256")
    .update(`${title}|${service ?? ""}|${environment ?? ""}`)
    .digest("hex");
  return `fp_${digest}`;
}

function parse({ body, receivedAt }: ProviderInput) {
  const result = CustomAlertPayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("custom", result.error);
  const p = result.data;
  const explicitId = p.sourceAlertId ?? p.externalId;
  const alert: NormalizedAlert = {
    sourceAlertId: explicitId !== undefined ? String(explicitId) : contentFingerprint(p.title, p.service, p.environment),
    title: p.title,
    description: p.description,
    severity: severityFromText(p.severity) ?? DEFAULT_SEVERITY,
    status: p.status,
    service: p.service ?? null,
    environment: p.environment ?? null,
    tags: stringifyValues(p.tags),
    occurredAt: (parseTimestamp(p.occurredAt) ?? receivedAt).toISOString(),
    url: p.url ?? null,
  };
  return { kind: "alerts" as const, alerts: [alert] };
}

export const custom: ProviderDefinition = {
  slug: "custom",
  requiresCauseflowSignature: true,
  parse,
};
