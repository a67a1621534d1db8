import type { Integration } from "@causeflow/db";

/** A tenant's settings for one provider; every integration is enabled by default (contract §1). */
export interface IntegrationSettings {
  enabled: boolean;
  requireSignature: boolean;
  signingSecretsEnc: readonly string[];
  signatureToleranceSeconds: number;
  requireSignatureTimestamp: boolean;
  allowedTopicArns: readonly string[];
  allowRawDelivery: boolean;
}

export const DEFAULT_INTEGRATION: IntegrationSettings = {
  enabled: true,
  requireSignature: false,
  signingSecretsEnc: [],
  signatureToleranceSeconds: 300,
  requireSignatureTimestamp: false,
  allowedTopicArns: [],
  allowRawDelivery: false,
};

export function settingsOf(row: Integration | null | undefined): IntegrationSettings {
  if (!row) return DEFAULT_INTEGRATION;
  return {
    enabled: row.enabled,
    requireSignature: row.requireSignature,
    signingSecretsEnc: row.signingSecretsEnc,
    signatureToleranceSeconds: row.signatureToleranceSeconds,
    requireSignatureTimestamp: row.requireSignatureTimestamp,
    allowedTopicArns: row.allowedTopicArns,
    allowRawDelivery: row.allowRawDelivery,
  };
}
