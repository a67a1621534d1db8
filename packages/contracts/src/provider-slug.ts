import { z } from "zod";

/** Every provider slug of the HTTP contract (§1). Which ones are implemented is the provider registry's business. */
export const ProviderSlug = z.enum([
  "datadog",
  "grafana",
  "alertmanager",
  "cloudwatch",
  "sentry",
  "pagerduty",
  "opsgenie",
  "newrelic",
  "azure",
  "gcp",
  "dynatrace",
  "custom",
]);
export type ProviderSlug = z.infer<typeof ProviderSlug>;
