import type { NormalizedAlert } from "@causeflow/contracts";
import { z } from "zod";
import { present } from "../fields";
import { parseJsonLossless } from "../parse-json";
import { PayloadError } from "../payload-error";
import { isSnsUrl } from "../sns-hosts";
import { parseTimestamp } from "../timestamps";
import type { ParseOutcome, ProviderDefinition, ProviderInput } from "../types";

/** An SNS envelope (its signature is checked by the gateway before parsing). */
export const SnsEnvelope = z
  .object({
    Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
    MessageId: z.string(),
    TopicArn: z.string(),
    Subject: z.string().optional(),
    Message: z.string(),
    Timestamp: z.string(),
    SignatureVersion: z.enum(["1", "2"]),
    Signature: z.string(),
    SigningCertURL: z.string(),
    SubscribeURL: z.string().optional(),
    Token: z.string().optional(),
    UnsubscribeURL: z.string().optional(),
  })
  .loose();
export type SnsEnvelope = z.infer<typeof SnsEnvelope>;

const CloudWatchAlarm = z
  .object({
    AlarmName: z.string().min(1),
    AlarmDescription: z.string().nullable().optional(),
    AWSAccountId: z.string().optional(),
    NewStateValue: z.enum(["ALARM", "OK", "INSUFFICIENT_DATA"]),
    NewStateReason: z.string().optional(),
    StateChangeTime: z.string().optional(),
    AlarmArn: z.string().optional(),
    Region: z.string().optional(),
  })
  .loose();

/** CloudWatch alarm state → status and severity. */
const STATES = {
  ALARM: { status: "firing", severity: "medium" },
  OK: { status: "resolved", severity: "medium" },
  INSUFFICIENT_DATA: { status: "firing", severity: "info" },
} as const;

/** `arn:aws:sns:<region>:<account>:<topic>` → `<region>`. */
function regionOf(topicArn: string | undefined): string {
  return topicArn?.split(":")[3] ?? "";
}

function alarmAlert(message: unknown, topicArn: string | undefined, receivedAt: Date): NormalizedAlert {
  const result = CloudWatchAlarm.safeParse(message);
  if (!result.success) throw PayloadError.fromZod("cloudwatch", result.error);
  const a = result.data;
  const state = STATES[a.NewStateValue];
  return {
    sourceAlertId: present(a.AlarmArn) ?? `arn:aws:cloudwatch:${regionOf(topicArn)}:${a.AWSAccountId ?? ""}:alarm:${a.AlarmName}`,
    title: a.AlarmName,
    description: present(a.AlarmDescription) ?? a.NewStateReason ?? "",
    severity: state.severity,
    status: state.status,
    service: null,
    environment: null,
    tags: {},
    occurredAt: (parseTimestamp(a.StateChangeTime) ?? receivedAt).toISOString(),
    url: null,
  };
}

function parse({ body, headers, receivedAt }: ProviderInput): ParseOutcome {
  if (headers["x-amz-sns-rawdelivery"] === "true") {
    return { kind: "alerts", alerts: [alarmAlert(body, headers["x-amz-sns-topic-arn"], receivedAt)] };
  }
  const envelope = SnsEnvelope.safeParse(body);
  if (!envelope.success) throw PayloadError.fromZod("cloudwatch", envelope.error);
  const e = envelope.data;
  if (e.Type === "UnsubscribeConfirmation") return { kind: "ignored", reason: "sns_unsubscribe_confirmation" };
  if (e.Type === "SubscriptionConfirmation") {
    if (!e.SubscribeURL || !isSnsUrl(e.SubscribeURL)) {
      throw PayloadError.single("cloudwatch", "SubscribeURL", "SubscribeURL must be an https URL on an SNS host");
    }
    return { kind: "ignored", reason: "sns_subscription_confirmation", confirmSubscriptionUrl: e.SubscribeURL };
  }
  let message: unknown;
  try {
    message = parseJsonLossless(e.Message);
  } catch {
    throw PayloadError.single("cloudwatch", "Message", "Message is not a CloudWatch alarm (not JSON)");
  }
  try {
    return { kind: "alerts", alerts: [alarmAlert(message, e.TopicArn, receivedAt)] };
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    throw new PayloadError(
      error.message,
      error.issues.map((i) => ({ ...i, path: `Message.${i.path}` })),
    );
  }
}

export const cloudwatch: ProviderDefinition = {
  slug: "cloudwatch",
  requiresCauseflowSignature: false,
  nativeSignature: "sns",
  parse,
};
