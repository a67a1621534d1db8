import type { NormalizedAlert, ProviderSlug } from "@causeflow/contracts";

/** One authenticated delivery, as a parser sees it. */
export interface ProviderInput {
  /** The body parsed losslessly (big integers kept as digit strings). */
  body: unknown;
  rawBody: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  /** When the gateway received the delivery: the occurredAt of alerts that carry no time. */
  receivedAt: Date;
}

/** What a delivery means: alerts to apply, or a message that changes nothing (ping, test, handshake). */
export type ParseOutcome =
  | { kind: "alerts"; alerts: NormalizedAlert[] }
  | {
      kind: "ignored";
      reason: string;
      /** An SNS subscription to confirm by GET of this URL (done by the normalizer, never by a parser). */
      confirmSubscriptionUrl?: string;
    };

/** A provider's own signature scheme, verified by the gateway over the raw bytes. */
export type NativeSignatureScheme = "grafana" | "sentry" | "pagerduty" | "github" | "sns";

/**
 * A monitoring tool CauseFlow understands. Adding one means one file exporting this, one line in
 * the registry, and its fixtures.
 */
export interface ProviderDefinition {
  slug: ProviderSlug;
  /** Whether CauseFlow's own X-Webhook-Signature is required even when the integration does not ask for it. */
  requiresCauseflowSignature: boolean;
  /** The tool's own signature, checked when the integration has signing secrets (SNS: always). */
  nativeSignature?: NativeSignatureScheme;
  /**
   * How a duplicate is answered unless the integration says otherwise (contract §9): 200 for
   * tools that re-send firing groups on a schedule and count any non-2xx as a failed
   * notification; 409 otherwise.
   */
  duplicateStatus?: 200 | 409;
  /** The longest verdict wait the tool tolerates (Sentry wants an answer within 1 s). */
  maxVerdictWaitMs?: number;
  /** Pure: never does I/O; throws only PayloadError. */
  parse(input: ProviderInput): ParseOutcome;
}
