import { newId } from "@causeflow/contracts";
import type { PrismaClient, Tenant } from "@causeflow/db";
import { Router } from "express";
import { CreateTenantBody, type Tenant as TenantJson } from "@causeflow/contracts/http";
import type { Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { notFound } from "../http/http-error";
import { validate } from "../http/validate";

export function tenantJson(t: Tenant): TenantJson {
  return { tenantId: t.id, name: t.name, createdAt: t.createdAt.toISOString() };
}

/** `POST /v1/tenants` (operator) and `GET /v1/tenants/{tenantId}` (contract §2). */
export function tenantsRouter(deps: { prisma: PrismaClient; auth: Authenticator }): Router {
  const router = Router();
  router.use("/v1/tenants", jsonBody("64kb"));

  router.post(
    "/v1/tenants",
    deps.auth.operatorOnly(),
    asyncHandler(async (req, res) => {
      const { name } = validate(CreateTenantBody, req.body);
      const tenant = await deps.prisma.tenant.create({ data: { id: newId("tenant"), name } });
      res.status(201).json(tenantJson(tenant));
    }),
  );

  router.get(
    "/v1/tenants/:tenantId",
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const tenant = await deps.prisma.tenant.findUnique({ where: { id: String(req.params.tenantId) } });
      if (!tenant) throw notFound("not_found", "no such tenant");
      res.json(tenantJson(tenant));
    }),
  );
  return router;
}
