import { ALL_AGENTS } from "@causeflow/contracts";
import { timelineRecord, type Prisma, type PrismaClient } from "@causeflow/db";
import { IncidentNotInvestigable, InvestigationRunning, startInvestigation } from "@causeflow/investigation";
import type { FlowProducer } from "bullmq";
import express, { Router } from "express";
import { z } from "zod";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { conflict, notFound } from "../http/http-error";
import { validate } from "../http/validate";

const RejectBody = z.object({ reason: z.string().max(2000).optional() });

/** `POST /v1/incidents/{id}/investigate` and `/remediation/approve|reject` (contract §5). */
export function investigationsRouter(deps: { prisma: PrismaClient; auth: Authenticator; flows: FlowProducer }): Router {
  const router = Router();
  const { prisma } = deps;
  router.use("/v1/incidents/:incidentId/remediation", express.json({ limit: "16kb" }));
  const incidentOf = async (id: string, tenantId: string) => {
    const incident = await prisma.incident.findFirst({ where: { id, tenantId } });
    if (!incident) throw notFound("not_found", "no such incident");
    return incident;
  };

  router.post(
    "/v1/incidents/:incidentId/investigate",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const incident = await incidentOf(String(req.params.incidentId), authOf(res).tenantId);
      if (incident.severity === "info") throw conflict("not_investigable", "info incidents are never investigated");
      if (incident.status === "resolved" || incident.status === "closed")
        throw conflict("not_investigable", `the incident is ${incident.status}`);
      try {
        const investigationId = await startInvestigation(deps, {
          incident,
          agents: ALL_AGENTS,
          trigger: "requested",
          requestId: String(req.id),
        });
        res.status(202).json({ investigationId, status: "running", agents: ALL_AGENTS });
      } catch (error) {
        if (error instanceof InvestigationRunning)
          throw conflict("investigation_running", "an investigation of this incident is already running");
        if (error instanceof IncidentNotInvestigable) throw conflict("not_investigable", error.message);
        throw error;
      }
    }),
  );

  const decide = (decision: "approved" | "rejected") =>
    asyncHandler(async (req, res) => {
      const { reason } = decision === "rejected" ? validate(RejectBody, req.body) : { reason: undefined };
      const incident = await incidentOf(String(req.params.incidentId), authOf(res).tenantId);
      const investigation = await prisma.investigation.findFirst({
        where: { incidentId: incident.id },
        orderBy: { startedAt: "desc" },
      });
      const remediation = investigation?.remediation as { status?: string } | null | undefined;
      if (!investigation || remediation?.status !== "proposed")
        throw conflict("no_proposal", "this incident has no remediation awaiting approval");
      if (incident.status === "resolved" || incident.status === "closed")
        throw conflict("invalid_transition", `the incident is ${incident.status}`);
      const to = decision === "approved" ? "remediating" : "investigating";
      const by = authOf(res).principal.kind;
      const [, updated] = await prisma.$transaction([
        prisma.investigation.update({
          where: { id: investigation.id },
          data: {
            remediation: {
              ...(investigation.remediation as Prisma.JsonObject),
              status: decision,
              decidedAt: new Date().toISOString(),
              ...(reason ? { reason } : {}),
            },
          },
        }),
        // Conditional on the status read above: a concurrent change makes this fail instead of overwriting it.
        prisma.incident.update({
          where: { id: incident.id, status: incident.status },
          data: {
            status: to,
            timeline: {
              create: timelineRecord({
                kind: `remediation_${decision}`,
                message:
                  decision === "approved"
                    ? "Remediation approved"
                    : `Remediation rejected${reason ? `: ${reason}` : ""}; back to investigating`,
                data: { investigationId: investigation.id, from: incident.status, to, by, ...(reason ? { reason } : {}) },
              }),
            },
          },
        }),
      ]);
      res.json({ incidentId: updated.id, status: updated.status, remediation: { status: decision } });
    });
  router.post("/v1/incidents/:incidentId/remediation/approve", deps.auth.tenantScope("write"), decide("approved"));
  router.post("/v1/incidents/:incidentId/remediation/reject", deps.auth.tenantScope("write"), decide("rejected"));
  return router;
}
