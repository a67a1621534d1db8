import type { ProviderDefinition } from "@causeflow/providers";
import type { Request } from "express";
import type { ResolvedKey } from "../auth/key-resolver";
import { verifyBodySignature } from "../auth/webhook-signature";
import { unauthorized } from "../http/http-error";
import type { ActiveIntegration } from "./integration-settings";
import { checkSns } from "./check-sns";
import type { SnsCertificateStore } from "./verifiers/sns-certificates";
import { nativeVerifiers } from "./verifiers/verifier-registry";

/**
 * The signature rules of contract §1: a CauseFlow signature, when sent, must match; otherwise a
 * provider that signs natively is verified with its own scheme when the integration has signing
 * secrets (SNS: always); otherwise a signature is needed only for `custom` and integrations that require one.
 */
export async function checkSignature(
  req: Request,
  body: Buffer,
  provider: ProviderDefinition,
  key: ResolvedKey,
  integration: ActiveIntegration,
  certificates: SnsCertificateStore,
): Promise<void> {
  const causeflow = req.get("x-webhook-signature");
  if (causeflow !== undefined) {
    if (!verifyBodySignature(key.webhookSecret, body, causeflow)) {
      throw unauthorized("invalid_signature", "X-Webhook-Signature does not match the body");
    }
    return;
  }
  const scheme = provider.nativeSignature;
  if (scheme === "sns") return checkSns(req, body, integration, certificates);
  if (scheme && integration.signingSecrets.length > 0) {
    const result = nativeVerifiers[scheme]({
      rawBody: body,
      headers: req.headers as Record<string, string | undefined>,
      secrets: integration.signingSecrets,
      toleranceSeconds: integration.signatureToleranceSeconds,
      requireTimestamp: integration.requireSignatureTimestamp,
      now: new Date(),
    });
    if (!result.ok) throw unauthorized("invalid_signature", `${provider.slug} signature: ${result.reason}`);
    return;
  }
  if (provider.requiresCauseflowSignature || integration.requireSignature) {
    throw unauthorized("invalid_signature", "X-Webhook-Signature is required");
  }
}
