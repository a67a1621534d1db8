import { TenantSettingsBody } from "@causeflow/contracts";
import { readTenantSettings, type PrismaClient } from "@causeflow/db";
import { assertUrlAllowed, type OutboundPolicy } from "@causeflow/outbound";
import { Router } from "express";
import type { Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { notFound } from "../http/http-error";
import { validate } from "../http/validate";

/**
 * `GET/PUT /v1/tenants/{tenantId}/settings`: triage rules (`{rules, autoInvestigateFrom}`) and the
 * metrics source of infra_inspector (`{prometheusUrl, queries}`). A PUT replaces the parts it sends.
 */
export function tenantSettingsRouter(deps: { prisma: PrismaClient; auth: Authenticator; outbound: OutboundPolicy }): Router {
  const router = Router();
  const path = "/v1/tenants/:tenantId/settings";
  router.get(
    path,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      res.json(await readTenantSettings(deps.prisma, String(req.params.tenantId)));
    }),
  );
  router.put(
    path,
    jsonBody("64kb"),
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const tenantId = String(req.params.tenantId);
      const body = validate(TenantSettingsBody, req.body);
      // A metrics source the triage worker may not reach is refused now (422 url_not_allowed), not at the next incident.
      if (body.metrics?.prometheusUrl) await assertUrlAllowed(body.metrics.prometheusUrl, deps.outbound);
      if (!(await deps.prisma.tenant.findUnique({ where: { id: tenantId } }))) throw notFound("not_found", "no such tenant");
      const data = {
        ...(body.triage && { triage: body.triage }),
        ...(body.metrics && { metrics: body.metrics }),
        ...(body.reopenWindowSeconds !== undefined && { reopenWindowSeconds: body.reopenWindowSeconds }),
      };
      await deps.prisma.tenantSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
      res.json(await readTenantSettings(deps.prisma, tenantId));
    }),
  );
  return router;
}
