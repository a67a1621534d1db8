import { newId } from "@causeflow/contracts";
import type { PrismaClient, Runbook } from "@causeflow/db";
import express, { Router } from "express";
import { z } from "zod";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { notFound } from "../http/http-error";
import { validate } from "../http/validate";

const RunbookBody = z.object({
  title: z.string().trim().min(1).max(300),
  match: z
    .object({
      service: z.string().trim().min(1).optional(),
      titlePattern: z
        .string()
        .max(200)
        .refine((p) => {
          try {
            new RegExp(p, "i");
            return true;
          } catch {
            return false;
          }
        }, "must be a valid regular expression")
        .optional(),
      tags: z.record(z.string(), z.string()).optional(),
    })
    .default({}),
  steps: z.array(z.string().trim().min(1).max(2000)).min(1).max(50),
});

function runbookJson(r: Runbook) {
  return {
    runbookId: r.id,
    title: r.title,
    match: { service: r.matchService ?? undefined, titlePattern: r.matchTitlePattern ?? undefined, tags: r.matchTags },
    steps: r.steps,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function columns(body: z.infer<typeof RunbookBody>) {
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
  router.use("/v1/runbooks", express.json({ limit: "64kb" }));
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
