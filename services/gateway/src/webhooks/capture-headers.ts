/** Header name prefixes kept with a delivery: what parsers, native verifiers and audits need; never credentials. */
const KEPT_PREFIXES = [
  "content-type",
  "user-agent",
  "x-request-id",
  "request-id",
  "x-amz-sns-",
  "sentry-hook-",
  "x-grafana-",
  "x-pagerduty-",
  "x-github-",
  "x-hub-signature",
  "x-datadog-",
  "x-opsgenie-",
];

export function captureHeaders(headers: NodeJS.Dict<string | string[]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !KEPT_PREFIXES.some((p) => name.startsWith(p))) continue;
    kept[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}
