import { matchesAnyHmac } from "./hmac";
import type { NativeVerifier } from "./native-verifier";

/** GitHub: `X-Hub-Signature-256: sha256=<hex>` HMAC-SHA256 of the raw body with the webhook secret. */
export const verifyGitHub: NativeVerifier = ({ rawBody, headers, secrets }) => {
  const header = headers["x-hub-signature-256"];
  if (!header?.startsWith("sha256=")) return { ok: false, reason: "X-Hub-Signature-256 is missing" };
  return matchesAnyHmac(header.slice("sha256=".length), rawBody, secrets)
    ? { ok: true }
    : { ok: false, reason: "signature does not match" };
};
