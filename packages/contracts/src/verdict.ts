import { z } from "zod";
import { Severity } from "./severity";
import { IncidentStatus } from "./incident-status";

export const AlertOutcome = z.enum(["created", "duplicate", "resolved", "reopened", "silenced", "ignored"]);
export type AlertOutcome = z.infer<typeof AlertOutcome>;

/** What one normalized alert of a delivery did. */
export const AlertResult = z.object({
  sourceAlertId: z.string(),
  outcome: AlertOutcome,
  incidentId: z.string().nullable(),
  title: z.string().optional(),
  severity: Severity.optional(),
  status: IncidentStatus.optional(),
  /** The silence that kept it from opening an incident (outcome `silenced`). */
  silenceId: z.string().optional(),
});
export type AlertResult = z.infer<typeof AlertResult>;

/** The normalizer's answer for one delivery: the return value of a `raw-alerts` job. */
export const Verdict = z.object({
  eventId: z.string(),
  outcome: AlertOutcome,
  results: z.array(AlertResult),
  /** Why nothing happened, when outcome is `ignored`. */
  reason: z.string().optional(),
});
export type Verdict = z.infer<typeof Verdict>;

/**
 * Overall outcome of a delivery from its alerts' outcomes (contract §1): created if any incident
 * was created, duplicate if every alert was one, else the first of resolved, reopened, silenced.
 */
export function summarizeOutcome(results: readonly AlertResult[]): AlertOutcome {
  if (results.some((r) => r.outcome === "created")) return "created";
  if (results.length > 0 && results.every((r) => r.outcome === "duplicate")) return "duplicate";
  for (const outcome of ["resolved", "reopened", "silenced"] as const) {
    if (results.some((r) => r.outcome === outcome)) return outcome;
  }
  return "ignored";
}

/**
 * What the normalizer publishes on the waiting gateway's verdict channel when a delivery is
 * settled: its verdict, or the encoded PayloadRejection of a delivery that can never succeed.
 */
export const VerdictReply = z.union([
  z.object({ eventId: z.string(), verdict: Verdict }),
  z.object({ eventId: z.string(), rejection: z.string() }),
]);
export type VerdictReply = z.infer<typeof VerdictReply>;
