import type { PrismaClient } from "@causeflow/db";
import { settingsOf, updateIntegration, type DomainDeps, type IntegrationSettings, type SecretBox } from "@causeflow/domain";
import { getProvider, supportedProviders } from "@causeflow/providers";
import { Router } from "express";
import { PutIntegrationBody, type Integration as IntegrationJson } from "@causeflow/contracts/http";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { notFound } from "../http/http-error";
import { validate } from "../http/validate";
import type { IntegrationSettingsCache } from "../webhooks/integration-settings";

/** Alert providers, and `github` (deployment changes). */
const INTEGRATION_SLUGS = (): string[] => [...supportedProviders(), "github"];

export interface IntegrationsRouterDeps {
  domain: Pick<DomainDeps, "prisma" | "publisher">;
  prisma: PrismaClient;
  auth: Authenticator;
  secrets: SecretBox;
  integrations: IntegrationSettingsCache;
  publicUrl: string;
  /** WEBHOOK_VERDICT_TIMEOUT_MS: what an integration without its own verdict wait shows. */
  verdictTimeoutMs: number;
}

/** A tenant's per-provider settings (contract §2). Secrets are stored encrypted and never echoed. */
export function integrationsRouter(deps: IntegrationsRouterDeps): Router {
  const router = Router();
  const base = "/v1/tenants/:tenantId/integrations";
  router.use(base, jsonBody("64kb"));

  const view = (tenantId: string, provider: string, s: IntegrationSettings): IntegrationJson => ({
    provider,
    enabled: s.enabled,
    requireSignature: s.requireSignature,
    hasSigningSecret: s.signingSecretsEnc.length > 0,
    signatureToleranceSeconds: s.signatureToleranceSeconds,
    requireSignatureTimestamp: s.requireSignatureTimestamp,
    duplicateStatus: s.duplicateStatus ?? getProvider(provider)?.duplicateStatus ?? 409,
    verdictTimeoutMs: s.verdictTimeoutMs ?? Math.min(deps.verdictTimeoutMs, getProvider(provider)?.maxVerdictWaitMs ?? Infinity),
    allowedTopicArns: [...s.allowedTopicArns],
    allowRawDelivery: s.allowRawDelivery,
    webhookUrl: `${deps.publicUrl}/v1/webhooks/${tenantId}/${provider}`,
  });

  router.get(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const tenantId = String(req.params.tenantId);
      const rows = await deps.prisma.integration.findMany({ where: { tenantId } });
      const byProvider = new Map(rows.map((r) => [r.provider, r]));
      res.json({ items: INTEGRATION_SLUGS().map((p) => view(tenantId, p, settingsOf(byProvider.get(p)))) });
    }),
  );

  router.put(
    `${base}/:provider`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      const slug = String(req.params.provider);
      if (!INTEGRATION_SLUGS().includes(slug)) throw notFound("unknown_provider", `unknown provider '${slug}'`);
      const changes = validate(PutIntegrationBody, req.body);
      const row = await updateIntegration(
        { ...deps.domain, secrets: deps.secrets },
        { tenantId, provider: slug, changes, actor: actorOf(principal) },
      );
      deps.integrations.invalidate(tenantId, slug);
      res.json(view(tenantId, slug, settingsOf(row)));
    }),
  );
  return router;
}
