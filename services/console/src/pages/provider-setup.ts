/** The README's setup steps, one line per provider (the console shows them beside each webhook URL). */
export const PROVIDER_SETUP: Record<string, string> = {
  datadog:
    'Integrations → Webhooks → New: the URL, custom header {"X-API-Key": "<key>"}, CauseFlow\'s recommended payload; then @webhook-<name> in monitors.',
  grafana:
    "Alerting → Contact points → Webhook: the URL, Authorization Bearer <key>; set an HMAC secret and the timestamp header, then requireSignatureTimestamp.",
  alertmanager:
    "webhook_configs: url, send_resolved: true, http_config.authorization { type: Bearer, credentials: <key> }. Duplicates are answered 200.",
  cloudwatch:
    "SNS topic → HTTPS subscription to the URL with ?apiKey=<key>; CauseFlow verifies and confirms it. Point the alarm's ALARM and OK actions at the topic.",
  sentry:
    "Developer Settings → internal integration: webhook URL with ?apiKey=<key>, Alert Rule Action on; store its client secret as signing secret.",
  pagerduty: "Generic Webhooks (v3): the URL, header X-API-Key; store the subscription's signing secret.",
  opsgenie: "Settings → Integrations → Webhook: the URL, header X-API-Key, alert description in payload.",
  newrelic: "Alerts → Destinations → Webhook: the URL, Bearer token = your key, default payload.",
  azure: "Action group → Webhook with the URL and ?apiKey=<key>; enable the common alert schema.",
  gcp: "Notification channel → Webhook: the URL, HTTP Basic auth with any user and the key as password.",
  dynatrace: "Problem notifications → Custom integration: the URL, header X-API-Key, CauseFlow's payload.",
  custom:
    "POST JSON {title, description, sourceAlertId, severity, status} with X-API-Key and X-Webhook-Signature (HMAC-SHA256 of the body with the webhook secret).",
  github:
    "Repository → Webhooks: the URL with ?apiKey=<key>, event deployment_status, the secret stored as the github integration's signing secret.",
};
