import type { Integration } from "@causeflow/db";

/** A tenant's settings for one provider; every integration is enabled by default (contract §1). */
export interface IntegrationSettings {
  enabled: boolean;
  requireSignature: boolean;
  signingSecretsEnc: readonly string[];
  signatureToleranceSeconds: number;
  requireSignatureTimestamp: boolean;
  /** null: the provider's default (contract §9). */
  duplicateStatus: 200 | 409 | null;
  /** null: WEBHOOK_VERDICT_TIMEOUT_MS, capped by what the provider tolerates. */
  verdictTimeoutMs: number | null;
  allowedTopicArns: readonly string[];
  allowRawDelivery: boolean;
}

export const DEFAULT_INTEGRATION: IntegrationSettings = {
  enabled: true,
  requireSignature: false,
  signingSecretsEnc: [],
  signatureToleranceSeconds: 300,
  requireSignatureTimestamp: false,
  duplicateStatus: null,
  verdictTimeoutMs: null,
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
    duplicateStatus: row.duplicateStatus === 200 || row.duplicateStatus === 409 ? row.duplicateStatus : null,
    verdictTimeoutMs: row.verdictTimeoutMs,
    allowedTopicArns: row.allowedTopicArns,
    allowRawDelivery: row.allowRawDelivery,
  };
}
