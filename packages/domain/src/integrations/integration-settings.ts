import type { Integration } from "@causeflow/db";

/** A tenant's settings for one provider; every integration is enabled by default (contract §1). */
export interface IntegrationSettings {
  enabled: boolean;
  requireSignature: boolean;
  signingSecretsEnc: readonly string[];
  signatureToleranceSeconds: number;
  allowedTopicArns: readonly string[];
  allowRawDelivery: boolean;
}

export const DEFAULT_INTEGRATION: IntegrationSettings = {
  enabled: true,
  requireSignature: false,
  signingSecretsEnc: [],
  signatureToleranceSeconds: 300,
  allowedTopicArns: [],
  allowRawDelivery: false,
};

export function settingsOf(row: Integration | null | undefined): IntegrationSettings {
  if (!row) return DEFAULT_INTEGRATION;
  const { enabled, requireSignature, signingSecretsEnc, signatureToleranceSeconds, allowedTopicArns, allowRawDelivery } = row;
  return { enabled, requireSignature, signingSecretsEnc, signatureToleranceSeconds, allowedTopicArns, allowRawDelivery };
}
