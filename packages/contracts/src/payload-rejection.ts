import { z } from "zod";

export const PayloadIssue = z.object({ path: z.string(), message: z.string() });
export type PayloadIssue = z.infer<typeof PayloadIssue>;

/**
 * Why a delivery can never be processed. The normalizer fails the job with this, encoded as the
 * job's failed reason, so the gateway can answer 422 and Bull Board shows the same text.
 */
export const PayloadRejection = z.object({
  error: z.literal("invalid_payload"),
  message: z.string(),
  issues: z.array(PayloadIssue),
});
export type PayloadRejection = z.infer<typeof PayloadRejection>;

export function encodePayloadRejection(rejection: PayloadRejection): string {
  return JSON.stringify(rejection);
}

/** The rejection carried by a failed job's reason, or null when it failed for another cause. */
export function decodePayloadRejection(failedReason: string | undefined): PayloadRejection | null {
  if (!failedReason?.startsWith("{")) return null;
  try {
    const parsed = PayloadRejection.safeParse(JSON.parse(failedReason));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
