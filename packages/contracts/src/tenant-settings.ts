import { z } from "zod";
import { Severity } from "./severity";

/** A triage rule: moves the severity up (+) or down (−) by whole levels when it matches. */
export const TriageRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("environment"), environment: z.string().min(1), adjust: z.number().int().min(-4).max(4) }),
  z.object({ kind: z.literal("service"), service: z.string().min(1), adjust: z.number().int().min(-4).max(4) }),
  z.object({
    kind: z.literal("storm"),
    /** This many open incidents on the same service within the window make a storm. */
    minIncidents: z.number().int().min(2),
    windowMinutes: z.number().int().min(1).max(1440),
    adjust: z.number().int().min(-4).max(4),
  }),
]);
export type TriageRule = z.infer<typeof TriageRule>;

export const TriageSettings = z.object({
  rules: z.array(TriageRule).max(50).default([]),
  /** Investigate at once from this severity up (default high: critical and high). */
  autoInvestigateFrom: Severity.exclude(["info"]).default("high"),
});
export type TriageSettings = z.infer<typeof TriageSettings>;

/** A Prometheus-compatible HTTP API for infra_inspector; `$service` in queries is replaced. */
export const MetricsSettings = z.object({
  prometheusUrl: z.url().optional(),
  queries: z
    .object({
      up: z.string().default('up{service="$service"}'),
      errorRate: z.string().default('sum(rate(http_requests_total{service="$service",code=~"5.."}[5m]))'),
    })
    .default({ up: 'up{service="$service"}', errorRate: 'sum(rate(http_requests_total{service="$service",code=~"5.."}[5m]))' }),
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

export const TenantSettingsBody = z
  .object({
    triage: TriageSettings.optional(),
    metrics: MetricsSettings.optional(),
    /** A firing alert this soon after its source resolved its incident reopens it (0 = off, contract §9). */
    reopenWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict();
export type TenantSettingsBody = z.infer<typeof TenantSettingsBody>;
