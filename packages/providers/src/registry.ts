import type { ProviderSlug } from "@causeflow/contracts";
import { custom } from "./providers/custom";
import { datadog } from "./providers/datadog";
import type { ProviderDefinition } from "./types";

/** Every provider CauseFlow accepts today, by slug. Adding a provider adds one line here. */
export const providerRegistry: Partial<Record<ProviderSlug, ProviderDefinition>> = {
  datadog,
  custom,
};

/** The provider for a URL slug, or undefined when CauseFlow does not accept it. */
export function getProvider(slug: string): ProviderDefinition | undefined {
  return Object.hasOwn(providerRegistry, slug) ? providerRegistry[slug as ProviderSlug] : undefined;
}

export function supportedProviders(): ProviderSlug[] {
  return Object.keys(providerRegistry) as ProviderSlug[];
}
