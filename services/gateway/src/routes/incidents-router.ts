import { canTransition, dedupKey, IncidentStatus, newId, Severity, triageJobId, type TriageJob } from "@causeflow/contracts";
import { addTimelineEntry, type Prisma, type PrismaClient } from "@causeflow/db";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import express, { Router } from "express";
import { z } from "zod";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { conflict, notFound } from "../http/http-error";
import { validate } from "../http/validate";
import { decodeCursor, encodeCursor } from "./incident-cursor";
import { alertJson, incidentJson, timelineJson } from "./incident-json";
import { investigationJson } from "./investigation-json";

const ListQuery = z.object({
  status: IncidentStatus.optional(),
  severity: Severity.optional(),
  source: z.string().optional(),
  service: z.string().optional(),
  order: z.enum(["desc", "asc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});

const PatchBody = z.object({ status: IncidentStatus });

const CreateBody = z.object({
  title: z.string().trim().min(1).max(500),
  description: z.string().max(20_000),
  severity: Severity,
  service: z.string().trim().min(1).optional(),
  environment: z.string().trim().min(1).optional(),
});

export interface IncidentsRouterDeps {
  prisma: PrismaClient;
  redis: Redis;
  auth: Authenticator;
  triageQueue: Queue<TriageJob>;
  queuePrefix: string;
}

/** The incidents API (contract §3); the tenant comes from the key, or X-Tenant-Id with the operator token. */
export function incidentsRouter(deps: IncidentsRouterDeps): Router {
  const router = Router();
  router.use("/v1/incidents", express.json({ limit: "64kb" }));
  const { prisma } = deps;

  router.get(
    "/v1/incidents",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const q = validate(ListQuery, req.query, "query");
      const { tenantId } = authOf(res);
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      const cmp = q.order === "desc" ? "lt" : "gt";
      const where: Prisma.IncidentWhereInput = {
        tenantId,
        ...(q.status && { status: q.status }),
        ...(q.severity && { severity: q.severity }),
        ...(q.source && { source: q.source }),
        ...(q.service && { service: q.service }),
        ...(after && {
          OR: [{ createdAt: { [cmp]: after.createdAt } }, { createdAt: after.createdAt, id: { [cmp]: after.id } }],
        }),
      };
      const rows = await prisma.incident.findMany({
        where,
        orderBy: [{ createdAt: q.order }, { id: q.order }],
        take: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      res.json({ items: page.map(incidentJson), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null });
    }),
  );

  router.get(
    "/v1/incidents/:incidentId",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const incident = await prisma.incident.findFirst({
        where: { id: String(req.params.incidentId), tenantId: authOf(res).tenantId },
        include: {
          alerts: { orderBy: { createdAt: "desc" }, take: 50, include: { event: true } },
          timeline: { orderBy: { createdAt: "asc" } },
          investigations: { orderBy: { startedAt: "desc" }, take: 1, include: { evidence: true } },
        },
      });
      if (!incident) throw notFound("not_found", "no such incident");
      res.json({
        ...incidentJson(incident),
        alerts: incident.alerts.map(alertJson),
        timeline: incident.timeline.map(timelineJson),
        investigation: investigationJson(incident.investigations[0]),
      });
    }),
  );

  router.patch(
    "/v1/incidents/:incidentId",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const { status } = validate(PatchBody, req.body);
      const { tenantId } = authOf(res);
      const incident = await prisma.incident.findFirst({ where: { id: String(req.params.incidentId), tenantId } });
      if (!incident) throw notFound("not_found", "no such incident");
      if (!canTransition(incident.status, status)) {
        throw conflict("invalid_transition", `cannot move an incident from ${incident.status} to ${status}`, {
          from: incident.status,
          to: status,
        });
      }
      const updated = await prisma.$transaction(async (tx) => {
        const moved = await tx.incident.updateMany({
          where: { id: incident.id, status: incident.status },
          data: { status, ...(status === "resolved" && { resolvedAt: new Date() }) },
        });
        if (moved.count === 0) throw conflict("invalid_transition", "the incident changed meanwhile; reload and retry");
        await addTimelineEntry(tx, {
          incidentId: incident.id,
          kind: "status_changed",
          message: `Status changed from ${incident.status} to ${status}`,
          data: { from: incident.status, to: status, by: authOf(res).principal.kind },
        });
        return tx.incident.findUniqueOrThrow({ where: { id: incident.id } });
      });
      if (status === "resolved" || status === "closed") {
        await deps.redis.del(dedupKey(deps.queuePrefix, tenantId, incident.source, incident.sourceAlertId));
      }
      res.json(incidentJson(updated));
    }),
  );

  router.post(
    "/v1/incidents",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const body = validate(CreateBody, req.body);
      const { tenantId } = authOf(res);
      const id = newId("incident");
      const now = new Date();
      const incident = await prisma.$transaction(async (tx) => {
        const created = await tx.incident.create({
          data: {
            id,
            tenantId,
            title: body.title,
            description: body.description,
            severity: body.severity,
            source: "manual",
            sourceAlertId: id,
            service: body.service ?? null,
            environment: body.environment ?? null,
            occurredAt: now,
            firstSeenAt: now,
            lastSeenAt: now,
          },
        });
        await addTimelineEntry(tx, {
          incidentId: id,
          kind: "created",
          message: "Incident opened manually",
          data: { severity: body.severity },
        });
        return created;
      });
      try {
        await deps.triageQueue.add("triage", { incidentId: id, tenantId, requestId: String(req.id) }, { jobId: triageJobId(id) });
      } catch (error) {
        // Not queued for triage: take the incident back, so the 503 means "nothing was created" and a retry is safe.
        await prisma.incident.delete({ where: { id } }).catch(() => undefined);
        throw error;
      }
      res.status(201).json(incidentJson(incident));
    }),
  );
  return router;
}
