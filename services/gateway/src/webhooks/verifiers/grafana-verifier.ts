import { matchesAnyHmac } from "./hmac";
import type { NativeVerifier } from "./native-verifier";

/**
 * Grafana alerting: `X-Grafana-Alerting-Signature` = hex HMAC-SHA256. With
 * `X-Grafana-Alerting-Timestamp`, the signed string is `timestamp:body` and an old timestamp is a replay;
 * without it the body alone is signed, which has no age limit unless the integration requires the timestamp.
 */
export const verifyGrafana: NativeVerifier = ({ rawBody, headers, secrets, toleranceSeconds, requireTimestamp, now }) => {
  const signature = headers["x-grafana-alerting-signature"];
  if (!signature) return { ok: false, reason: "X-Grafana-Alerting-Signature is missing" };
  const timestamp = headers["x-grafana-alerting-timestamp"];
  if (timestamp === undefined) {
    if (requireTimestamp) return { ok: false, reason: "X-Grafana-Alerting-Timestamp is required (requireSignatureTimestamp)" };
    return matchesAnyHmac(signature, rawBody, secrets) ? { ok: true } : { ok: false, reason: "signature does not match" };
  }
  const signed = Buffer.concat([Buffer.from(`${timestamp}:`), rawBody]);
  if (!matchesAnyHmac(signature, signed, secrets)) return { ok: false, reason: "signature does not match" };
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds)) return { ok: false, reason: "X-Grafana-Alerting-Timestamp is not a number" };
  const ageSeconds = now.getTime() / 1000 - (seconds > 1e11 ? seconds / 1000 : seconds);
  if (toleranceSeconds > 0 && Math.abs(ageSeconds) > toleranceSeconds) {
    return { ok: false, reason: `signed timestamp is ${Math.round(ageSeconds)} s old (tolerance ${toleranceSeconds} s)` };
  }
  return { ok: true };
};
