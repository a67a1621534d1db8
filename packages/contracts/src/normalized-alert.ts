import { z } from "zod";
import { Severity } from "./severity";

export const AlertStatus = z.enum(["firing", "resolved"]);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** The one shape every provider's payload is turned into (see shared providers.md). */
export const NormalizedAlert = z.object({
  sourceAlertId: z.string().min(1),
  title: z.string().min(1),
  description: z.string(),
  severity: Severity,
  status: AlertStatus,
  service: z.string().nullable(),
  environment: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** ISO 8601, UTC, millisecond precision. */
  occurredAt: z.string(),
  url: z.string().nullable(),
});
export type NormalizedAlert = z.infer<typeof NormalizedAlert>;
