import { newId } from "@causeflow/contracts";
import type { ApiKey, PrismaClient } from "@causeflow/db";
import express, { Router } from "express";
import { z } from "zod";
import { generateKeyMaterial } from "../auth/api-key-material";
import type { Authenticator } from "../auth/authenticator";
import { SCOPES, type KeyResolver } from "../auth/key-resolver";
import type { SecretBox } from "../auth/secret-box";
import { asyncHandler } from "../http/async-handler";
import { conflict, notFound } from "../http/http-error";
import { validate } from "../http/validate";

const CreateKeyBody = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(z.enum(SCOPES as [string, ...string[]]))
    .min(1)
    .default(["ingest"])
    .transform((s) => [...new Set(s)]),
});

function keyJson(k: ApiKey) {
  return {
    keyId: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    status: k.revokedAt ? "revoked" : "active",
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  };
}

/** API keys of a tenant (contract §2): the key and its webhook secret are shown once, at creation. */
export function apiKeysRouter(deps: {
  prisma: PrismaClient;
  auth: Authenticator;
  secrets: SecretBox;
  keys: KeyResolver;
}): Router {
  const router = Router();
  const base = "/v1/tenants/:tenantId/api-keys";
  router.use(base, express.json({ limit: "64kb" }));

  router.post(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const tenantId = String(req.params.tenantId);
      const body = validate(CreateKeyBody, req.body);
      if (!(await deps.prisma.tenant.findUnique({ where: { id: tenantId } }))) throw notFound("not_found", "no such tenant");
      const material = generateKeyMaterial();
      const key = await deps.prisma.apiKey.create({
        data: {
          id: newId("apiKey"),
          tenantId,
          name: body.name,
          prefix: material.prefix,
          keyHash: material.keyHash,
          scopes: body.scopes,
          webhookSecretEnc: deps.secrets.seal(material.webhookSecret),
        },
      });
      const { status: _status, lastUsedAt: _lastUsedAt, ...shown } = keyJson(key);
      res.status(201).json({ ...shown, apiKey: material.apiKey, webhookSecret: material.webhookSecret });
    }),
  );

  router.get(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const keys = await deps.prisma.apiKey.findMany({
        where: { tenantId: String(req.params.tenantId) },
        orderBy: { createdAt: "asc" },
      });
      res.json({ items: keys.map(keyJson) });
    }),
  );

  router.delete(
    `${base}/:keyId`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const where = { id: String(req.params.keyId), tenantId: String(req.params.tenantId) };
      const key = await deps.prisma.apiKey.findFirst({ where });
      if (!key) throw notFound("not_found", "no such API key");
      const revoked = await deps.prisma.apiKey.updateMany({
        where: { ...where, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0) throw conflict("already_revoked", "this API key is already revoked");
      deps.keys.invalidateAll();
      res.status(204).end();
    }),
  );
  return router;
}
