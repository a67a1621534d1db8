import { matchesAnyHmac } from "./hmac";
import type { NativeVerifier } from "./native-verifier";

/** Sentry integration platform: `Sentry-Hook-Signature` = hex HMAC-SHA256 of the raw body with the client secret. */
export const verifySentry: NativeVerifier = ({ rawBody, headers, secrets }) => {
  const signature = headers["sentry-hook-signature"];
  if (!signature) return { ok: false, reason: "Sentry-Hook-Signature is missing" };
  return matchesAnyHmac(signature, rawBody, secrets) ? { ok: true } : { ok: false, reason: "signature does not match" };
};
