import { newId } from "@causeflow/contracts";
import type { PrismaClient, Runbook } from "@causeflow/db";
import { Router } from "express";
import { RunbookBody, StringMap, type Runbook as RunbookJson } from "@causeflow/contracts/http";
import { compileLinearPattern } from "@causeflow/domain";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { notFound } from "../http/http-error";
import { validate } from "../http/validate";

function runbookJson(r: Runbook): RunbookJson {
  return {
    runbookId: r.id,
    title: r.title,
    match: {
      service: r.matchService ?? undefined,
      titlePattern: r.matchTitlePattern ?? undefined,
      tags: StringMap.parse(r.matchTags),
    },
    steps: r.steps,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The runbook as stored; its title pattern must run in linear time (422 invalid_pattern otherwise). */
function columns(body: RunbookBody) {
  if (body.match.titlePattern) compileLinearPattern(body.match.titlePattern, { caseInsensitive: true });
  return {
    title: body.title,
    matchService: body.match.service ?? null,
    matchTitlePattern: body.match.titlePattern ?? null,
    matchTags: body.match.tags ?? {},
    steps: body.steps,
  };
}

/** `GET/POST /v1/runbooks`, `GET/PUT/DELETE /v1/runbooks/{id}` (contract §5): what remediation_planner matches. */
export function runbooksRouter(deps: { prisma: PrismaClient; auth: Authenticator }): Router {
  const router = Router();
  router.use("/v1/runbooks", jsonBody("64kb"));
  const find = async (id: string, tenantId: string) => {
    const runbook = await deps.prisma.runbook.findFirst({ where: { id, tenantId } });
    if (!runbook) throw notFound("not_found", "no such runbook");
    return runbook;
  };

  router.get(
    "/v1/runbooks",
    deps.auth.tenantScope("read"),
    asyncHandler(async (_req, res) => {
      const items = await deps.prisma.runbook.findMany({
        where: { tenantId: authOf(res).tenantId },
        orderBy: { createdAt: "asc" },
      });
      res.json({ items: items.map(runbookJson) });
    }),
  );
  router.post(
    "/v1/runbooks",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const body = validate(RunbookBody, req.body);
      const runbook = await deps.prisma.runbook.create({
        data: { id: newId("runbook"), tenantId: authOf(res).tenantId, ...columns(body) },
      });
      res.status(201).json(runbookJson(runbook));
    }),
  );
  router.get(
    "/v1/runbooks/:id",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      res.json(runbookJson(await find(String(req.params.id), authOf(res).tenantId)));
    }),
  );
  router.put(
    "/v1/runbooks/:id",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const body = validate(RunbookBody, req.body);
      const existing = await find(String(req.params.id), authOf(res).tenantId);
      res.json(runbookJson(await deps.prisma.runbook.update({ where: { id: existing.id }, data: columns(body) })));
    }),
  );
  router.delete(
    "/v1/runbooks/:id",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const existing = await find(String(req.params.id), authOf(res).tenantId);
      await deps.prisma.runbook.delete({ where: { id: existing.id } });
      res.status(204).end();
    }),
  );
  return router;
}
