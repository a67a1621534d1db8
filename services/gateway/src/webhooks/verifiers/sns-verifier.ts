import { verify } from "node:crypto";
import type { SnsEnvelope } from "@causeflow/providers";
import type { NativeVerifyResult } from "./native-verifier";
import { CertificateRefused, type SnsCertificateStore } from "./sns-certificates";

/** Keys of the string to sign, in order, per message type (absent keys are skipped). */
const SIGNED_KEYS: Record<SnsEnvelope["Type"], readonly (keyof SnsEnvelope)[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
  UnsubscribeConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
};

const ALGORITHMS = { "1": "RSA-SHA1", "2": "RSA-SHA256" } as const;

/** `key\nvalue\n` for each present signed key. */
export function snsStringToSign(envelope: SnsEnvelope): string {
  return SIGNED_KEYS[envelope.Type]
    .filter((key) => typeof envelope[key] === "string")
    .map((key) => `${key}\n${envelope[key] as string}\n`)
    .join("");
}

/** Verifies an SNS message signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA). */
export async function verifySnsEnvelope(envelope: SnsEnvelope, certificates: SnsCertificateStore): Promise<NativeVerifyResult> {
  let key;
  try {
    key = await certificates.publicKey(envelope.SigningCertURL);
  } catch (error) {
    if (error instanceof CertificateRefused) return { ok: false, reason: error.message };
    throw error;
  }
  const valid = verify(
    ALGORITHMS[envelope.SignatureVersion],
    Buffer.from(snsStringToSign(envelope), "utf8"),
    key,
    Buffer.from(envelope.Signature, "base64"),
  );
  return valid ? { ok: true } : { ok: false, reason: "SNS signature does not match" };
}
