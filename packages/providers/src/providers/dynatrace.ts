import type { NormalizedAlert, Severity } from "@causeflow/contracts";
import { z } from "zod";
import { present, requiredId, textField } from "../fields";
import { PayloadError } from "../payload-error";
import { DEFAULT_SEVERITY } from "../severity-vocabulary";
import { parseKeyValueTags } from "../tags";
import { parseTimestamp } from "../timestamps";
import type { ProviderDefinition, ProviderInput } from "../types";

/** Dynatrace ProblemSeverity → severity. */
const PROBLEM_SEVERITY: Record<string, Severity> = {
  AVAILABILITY: "critical",
  ERROR: "high",
  MONITORING_UNAVAILABLE: "high",
  PERFORMANCE: "medium",
  RESOURCE_CONTENTION: "medium",
  CUSTOM_ALERT: "medium",
  INFO: "info",
};

const STATES: Record<string, "firing" | "resolved"> = { OPEN: "firing", RESOLVED: "resolved", MERGED: "resolved" };

const DynatracePayload = z
  .object({
    PID: requiredId,
    ProblemID: textField,
    State: z.string().min(1),
    ProblemTitle: z.string().min(1),
    ProblemSeverity: z.string().optional(),
    ProblemDetailsText: z.string().optional(),
    "Problem URL": z.string().optional(),
    ProblemURL: z.string().optional(),
    Tags: z.string().optional(),
    ImpactedEntities: z.array(z.object({ type: z.string().optional(), name: z.string().optional() }).loose()).optional(),
    ProblemDetailsJSON: z
      .object({ startTime: z.union([z.number(), z.string()]).optional() })
      .loose()
      .optional(),
  })
  .loose();

/** `[Kubernetes]namespace:prod, service:checkout` → flat tags; the `[context]` prefix is dropped. */
function dynatraceTags(text: string | undefined): Record<string, string> {
  const items = (text ?? "").split(",").map((t) => t.trim().replace(/^\[[^\]]*\]\s*/, ""));
  return parseKeyValueTags(items);
}

function parse({ body, receivedAt }: ProviderInput) {
  const result = DynatracePayload.safeParse(body);
  if (!result.success) throw PayloadError.fromZod("dynatrace", result.error);
  const p = result.data;
  const status = STATES[p.State.toUpperCase()];
  if (!status) throw PayloadError.single("dynatrace", "State", `unknown state '${p.State}'`);
  const tags = dynatraceTags(p.Tags);
  const firstService = p.ImpactedEntities?.find((e) => e.type === "SERVICE")?.name;
  const alert: NormalizedAlert = {
    sourceAlertId: p.PID,
    title: p.ProblemTitle,
    description: p.ProblemDetailsText ?? "",
    severity: PROBLEM_SEVERITY[p.ProblemSeverity?.toUpperCase() ?? ""] ?? DEFAULT_SEVERITY,
    status,
    service: present(tags.service) ?? present(firstService) ?? null,
    environment: present(tags.env) ?? present(tags.environment) ?? null,
    tags,
    occurredAt: (parseTimestamp(p.ProblemDetailsJSON?.startTime) ?? receivedAt).toISOString(),
    url: present(p["Problem URL"]) ?? present(p.ProblemURL) ?? null,
  };
  return { kind: "alerts" as const, alerts: [alert] };
}

export const dynatrace: ProviderDefinition = { slug: "dynatrace", requiresCauseflowSignature: false, parse };
