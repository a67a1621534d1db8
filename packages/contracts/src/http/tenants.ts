import { z } from "zod";
import { TenantSettingsBody, MetricsSettings, TriageSettings } from "../tenant-settings";
import { Timestamp, NullableTimestamp } from "./common";

export const Scope = z.enum(["ingest", "read", "write", "admin"]);
export type Scope = z.infer<typeof Scope>;
export const SCOPES: readonly Scope[] = Scope.options;

export const CreateTenantBody = z.object({ name: z.string().trim().min(1).max(200) });
export const Tenant = z.strictObject({ tenantId: z.string(), name: z.string(), createdAt: Timestamp });
export type Tenant = z.infer<typeof Tenant>;

export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(Scope)
    .min(1)
    .default(["ingest"])
    .transform((s) => [...new Set(s)]),
});
export const ApiKey = z.strictObject({
  keyId: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Scope),
  status: z.enum(["active", "revoked"]),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
});
export type ApiKey = z.infer<typeof ApiKey>;
export const ApiKeyList = z.strictObject({ items: z.array(ApiKey) });
/** The answer to a key's creation: the key and its webhook secret, shown this once. */
export const CreatedApiKey = z.strictObject({
  keyId: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Scope),
  createdAt: Timestamp,
  apiKey: z.string(),
  webhookSecret: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const PutIntegrationBody = z
  .object({
    enabled: z.boolean(),
    requireSignature: z.boolean(),
    signingSecrets: z.array(z.string().min(8, "signing secrets must be at least 8 characters").max(500)).max(5),
    signatureToleranceSeconds: z.number().int().min(0).max(86_400),
    requireSignatureTimestamp: z.boolean(),
    duplicateStatus: z
      .union([z.literal(200), z.literal(409)])
      .nullable()
      .describe("null: the provider's default (200 for alertmanager and grafana, else 409)"),
    verdictTimeoutMs: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .nullable()
      .describe("null: WEBHOOK_VERDICT_TIMEOUT_MS (800 for sentry)"),
    allowedTopicArns: z.array(z.string().startsWith("arn:").max(300)).max(50),
    allowRawDelivery: z.boolean(),
  })
  .partial()
  .strict();
export type PutIntegrationBody = z.infer<typeof PutIntegrationBody>;
export const Integration = z.strictObject({
  provider: z.string(),
  enabled: z.boolean(),
  requireSignature: z.boolean(),
  hasSigningSecret: z.boolean(),
  signatureToleranceSeconds: z.number().int(),
  requireSignatureTimestamp: z.boolean(),
  duplicateStatus: z.union([z.literal(200), z.literal(409)]),
  verdictTimeoutMs: z.number().int(),
  allowedTopicArns: z.array(z.string()),
  allowRawDelivery: z.boolean(),
  webhookUrl: z.string(),
});
export type Integration = z.infer<typeof Integration>;
export const IntegrationList = z.strictObject({ items: z.array(Integration) });

export { TenantSettingsBody };
export const TenantSettings = z.strictObject({
  triage: TriageSettings,
  metrics: MetricsSettings,
  reopenWindowSeconds: z.number().int(),
});

export type CreateTenantBody = z.infer<typeof CreateTenantBody>;
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;
export type ApiKeyList = z.infer<typeof ApiKeyList>;
export type IntegrationList = z.infer<typeof IntegrationList>;
export type TenantSettings = z.infer<typeof TenantSettings>;
