import { matchesAnyHmac } from "./hmac";
import type { NativeVerifier } from "./native-verifier";

/**
 * PagerDuty v3 webhooks: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, one entry per active
 * secret during rotation; valid when any entry matches any configured secret.
 */
export const verifyPagerDuty: NativeVerifier = ({ rawBody, headers, secrets }) => {
  const header = headers["x-pagerduty-signature"];
  if (!header) return { ok: false, reason: "X-PagerDuty-Signature is missing" };
  const entries = header
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  return entries.some((hex) => matchesAnyHmac(hex, rawBody, secrets))
    ? { ok: true }
    : { ok: false, reason: "no v1 signature matches" };
};
