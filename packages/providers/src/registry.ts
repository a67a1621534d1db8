import type { ProviderSlug } from "@causeflow/contracts";
import { alertmanager } from "./providers/alertmanager";
import { azure } from "./providers/azure";
import { cloudwatch } from "./providers/cloudwatch";
import { custom } from "./providers/custom";
import { datadog } from "./providers/datadog";
import { dynatrace } from "./providers/dynatrace";
import { gcp } from "./providers/gcp";
import { grafana } from "./providers/grafana";
import { newrelic } from "./providers/newrelic";
import { opsgenie } from "./providers/opsgenie";
import { pagerduty } from "./providers/pagerduty";
import { sentry } from "./providers/sentry";
import type { ProviderDefinition } from "./types";

/** Every provider CauseFlow accepts today, by slug. Adding a provider adds one line here. */
export const providerRegistry: Partial<Record<ProviderSlug, ProviderDefinition>> = {
  datadog,
  grafana,
  alertmanager,
  cloudwatch,
  sentry,
  pagerduty,
  opsgenie,
  newrelic,
  azure,
  gcp,
  dynatrace,
  custom,
};

/** The provider for a URL slug, or undefined when CauseFlow does not accept it. */
export function getProvider(slug: string): ProviderDefinition | undefined {
  return Object.hasOwn(providerRegistry, slug) ? providerRegistry[slug as ProviderSlug] : undefined;
}

export function supportedProviders(): ProviderSlug[] {
  return Object.keys(providerRegistry) as ProviderSlug[];
}
