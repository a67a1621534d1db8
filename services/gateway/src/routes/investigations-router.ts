import { ALL_AGENTS } from "@causeflow/contracts";
import { decideRemediation, findIncident, startInvestigation, type DomainDeps } from "@causeflow/domain";
import { Router } from "express";
import { RejectRemediationBody } from "@causeflow/contracts/http";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

/** `POST /v1/incidents/{id}/investigate` and `/remediation/approve|reject` (contract §5): adapters over domain operations. */
export function investigationsRouter(deps: {
  domain: Pick<DomainDeps, "prisma" | "queues" | "publisher">;
  auth: Authenticator;
}): Router {
  const router = Router();
  const { domain } = deps;
  router.use("/v1/incidents/:incidentId/remediation", jsonBody("16kb"));

  router.post(
    "/v1/incidents/:incidentId/investigate",
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      const incident = await findIncident(domain.prisma, tenantId, String(req.params.incidentId));
      const investigationId = await startInvestigation(domain, {
        incident,
        agents: ALL_AGENTS,
        trigger: "requested",
        actor: actorOf(principal),
        requestId: String(req.id),
      });
      res.status(202).json({ investigationId, status: "running", agents: ALL_AGENTS });
    }),
  );

  const decide = (decision: "approved" | "rejected") =>
    asyncHandler(async (req, res) => {
      const { reason } = decision === "rejected" ? validate(RejectRemediationBody, req.body) : { reason: undefined };
      const { tenantId, principal } = authOf(res);
      const updated = await decideRemediation(domain, {
        tenantId,
        incidentId: String(req.params.incidentId),
        decision,
        reason,
        actor: actorOf(principal),
      });
      res.json({ incidentId: updated.id, status: updated.status, remediation: { status: decision } });
    });
  router.post("/v1/incidents/:incidentId/remediation/approve", deps.auth.tenantScope("write"), decide("approved"));
  router.post("/v1/incidents/:incidentId/remediation/reject", deps.auth.tenantScope("write"), decide("rejected"));
  return router;
}
