import type { ApiKey, PrismaClient } from "@causeflow/db";
import { CreateApiKeyBody, type ApiKey as ApiKeyJson } from "@causeflow/contracts/http";
import { createApiKey, revokeApiKey, type DomainDeps, type SecretBox } from "@causeflow/domain";
import { Router } from "express";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import type { KeyResolver } from "../auth/key-resolver";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

function keyJson(k: ApiKey): ApiKeyJson {
  return {
    keyId: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: CreateApiKeyBody.shape.scopes.parse(k.scopes),
    status: k.revokedAt ? "revoked" : "active",
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  };
}

/** API keys of a tenant (contract §2): the key and its webhook secret are shown once, at creation. */
export function apiKeysRouter(deps: {
  domain: Pick<DomainDeps, "prisma" | "publisher">;
  prisma: PrismaClient;
  auth: Authenticator;
  secrets: SecretBox;
  keys: KeyResolver;
}): Router {
  const router = Router();
  const base = "/v1/tenants/:tenantId/api-keys";
  router.use(base, jsonBody("64kb"));

  router.post(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      const body = validate(CreateApiKeyBody, req.body);
      const created = await createApiKey(
        { ...deps.domain, secrets: deps.secrets },
        { tenantId, name: body.name, scopes: body.scopes, actor: actorOf(principal) },
      );
      const { status: _status, lastUsedAt: _lastUsedAt, ...shown } = keyJson(created.key);
      res.status(201).json({ ...shown, apiKey: created.apiKey, webhookSecret: created.webhookSecret });
    }),
  );

  router.get(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (_req, res) => {
      const keys = await deps.prisma.apiKey.findMany({
        where: { tenantId: authOf(res).tenantId },
        orderBy: { createdAt: "asc" },
      });
      res.json({ items: keys.map(keyJson) });
    }),
  );

  router.delete(
    `${base}/:keyId`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      await revokeApiKey(deps.domain, { tenantId, keyId: String(req.params.keyId), actor: actorOf(principal) });
      deps.keys.invalidateAll();
      res.status(204).end();
    }),
  );
  return router;
}
