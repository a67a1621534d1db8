import { SnsEnvelope } from "@causeflow/providers";
import type { Request } from "express";
import { forbidden, unauthorized } from "../http/http-error";
import { parseJsonBody } from "../http/json-body";
import type { ActiveIntegration } from "./integration-settings";
import type { SnsCertificateStore } from "./verifiers/sns-certificates";
import { verifySnsEnvelope } from "./verifiers/sns-verifier";

/**
 * CloudWatch via SNS: every envelope is verified against its SNS signing certificate; raw message
 * delivery (unsigned) only when the integration allows it; the integration's TopicArn allow-list,
 * when set, applies to both.
 */
export async function checkSns(
  req: Request,
  body: Buffer,
  integration: ActiveIntegration,
  certificates: SnsCertificateStore,
): Promise<void> {
  if (req.get("x-amz-sns-rawdelivery") === "true") {
    if (!integration.allowRawDelivery) {
      throw forbidden(
        "raw_delivery_disabled",
        "raw message delivery is unsigned; enable allowRawDelivery on the cloudwatch integration to accept it",
      );
    }
    checkTopic(req.get("x-amz-sns-topic-arn"), integration);
    return;
  }
  const envelope = SnsEnvelope.safeParse(parseJsonBody(body));
  if (!envelope.success)
    throw unauthorized("invalid_signature", "not a signed SNS message (Type, Message, Signature, SigningCertURL… missing)");
  const result = await verifySnsEnvelope(envelope.data, certificates);
  if (!result.ok) throw unauthorized("invalid_signature", `cloudwatch signature: ${result.reason}`);
  checkTopic(envelope.data.TopicArn, integration);
}

function checkTopic(topicArn: string | undefined, integration: ActiveIntegration): void {
  if (integration.allowedTopicArns.length === 0) return;
  if (!topicArn || !integration.allowedTopicArns.includes(topicArn)) {
    throw forbidden("topic_not_allowed", `TopicArn ${topicArn ?? "(none)"} is not in the integration's allowedTopicArns`);
  }
}
