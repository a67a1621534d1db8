import { CreateIncidentBody, IncidentListQuery, PatchIncidentBody } from "@causeflow/contracts/http";
import type { Prisma, PrismaClient } from "@causeflow/db";
import {
  acknowledgeIncident,
  assignIncident,
  changeIncidentStatus,
  findIncident,
  IncidentNotFound,
  investigationJson,
  mergeTimeline,
  openManualIncident,
  timelineJson,
  timelineReads,
  type DomainDeps,
} from "@causeflow/domain";
import { Router } from "express";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";
import { decodeCursor, encodeCursor } from "./incident-cursor";
import { alertJson, incidentJson } from "./incident-json";

export interface IncidentsRouterDeps {
  domain: Pick<DomainDeps, "prisma" | "queues" | "publisher" | "dedup">;
  prisma: PrismaClient;
  auth: Authenticator;
}

/** The incidents API (contract §3, §9); the tenant comes from the key, or X-Tenant-Id with the operator token. */
export function incidentsRouter(deps: IncidentsRouterDeps): Router {
  const router = Router();
  router.use("/v1/incidents", jsonBody("64kb"));
  const { prisma, domain } = deps;

  router.get(
    "/v1/incidents",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const q = validate(IncidentListQuery, req.query, "query");
      const { tenantId } = authOf(res);
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      const cmp = q.order === "desc" ? "lt" : "gt";
      const where: Prisma.IncidentWhereInput = {
        tenantId,
        ...(q.status && { status: q.status }),
        ...(q.severity && { severity: q.severity }),
        ...(q.source && { source: q.source }),
        ...(q.service && { service: q.service }),
        ...(q.environment && { environment: q.environment }),
        ...(q.q && { title: { contains: q.q, mode: "insensitive" as const } }),
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
      const { tenantId } = authOf(res);
      const incidentId = String(req.params.incidentId);
      // One snapshot: the incident, its investigation and its timeline as of one moment (read
      // apart, an investigation could show completed while its incident still showed investigating).
      const [incident, alerts, firstEntries, latestEntries, investigation] = await prisma.$transaction(
        [
          prisma.incident.findFirst({ where: { id: incidentId, tenantId } }),
          prisma.incidentAlert.findMany({
            where: { incidentId, incident: { tenantId } },
            orderBy: { createdAt: "desc" },
            take: 50,
            include: { event: true },
          }),
          ...timelineReads(prisma, tenantId, incidentId),
          prisma.investigation.findFirst({
            where: { incidentId, tenantId },
            orderBy: { startedAt: "desc" },
            include: { evidence: true },
          }),
        ],
        { isolationLevel: "RepeatableRead" },
      );
      if (!incident) throw new IncidentNotFound();
      res.json({
        ...incidentJson(incident),
        alerts: alerts.map(alertJson),
        timeline: mergeTimeline(firstEntries, latestEntries).map(timelineJson),
        investigation: investigationJson(investigation ?? undefined),
      });
    }),
  );

  router.patch(
    "/v1/incidents/:incidentId",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const body = validate(PatchIncidentBody, req.body);
      const { tenantId, principal } = authOf(res);
      const target = { tenantId, incidentId: String(req.params.incidentId), actor: actorOf(principal) };
      let incident = await findIncident(prisma, tenantId, target.incidentId);
      if (body.assignee !== undefined) incident = await assignIncident(domain, { ...target, assignee: body.assignee || null });
      if (body.status !== undefined) incident = await changeIncidentStatus(domain, { ...target, to: body.status });
      res.json(incidentJson(incident));
    }),
  );

  router.post(
    "/v1/incidents/:incidentId/acknowledge",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      const incident = await acknowledgeIncident(domain, {
        tenantId,
        incidentId: String(req.params.incidentId),
        actor: actorOf(principal),
      });
      res.json(incidentJson(incident));
    }),
  );

  router.post(
    "/v1/incidents",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const body = validate(CreateIncidentBody, req.body);
      const { tenantId, principal } = authOf(res);
      const incident = await openManualIncident(domain, {
        tenantId,
        ...body,
        actor: actorOf(principal),
        requestId: String(req.id),
      });
      res.status(201).json(incidentJson(incident));
    }),
  );
  return router;
}
