import { CreateSilenceBody, SilenceListQuery } from "@causeflow/contracts/http";
import { createSilence, expireSilence, silenceJson, silenceState, type DomainDeps } from "@causeflow/domain";
import { Router } from "express";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

/** Silences and maintenance windows (contract §9): a key with `write` for its tenant, or the operator. */
export function silencesRouter(deps: { domain: Pick<DomainDeps, "prisma" | "publisher">; auth: Authenticator }): Router {
  const router = Router();
  const base = "/v1/tenants/:tenantId/silences";

  router.post(
    base,
    jsonBody("64kb"),
    deps.auth.tenantPath("write"),
    asyncHandler(async (req, res) => {
      const body = validate(CreateSilenceBody, req.body);
      const { tenantId, principal } = authOf(res);
      const silence = await createSilence(deps.domain, {
        tenantId,
        matchers: body.matchers,
        startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
        endsAt: new Date(body.endsAt),
        comment: body.comment,
        actor: actorOf(principal),
      });
      res.status(201).json(silenceJson(silence));
    }),
  );

  router.get(
    base,
    deps.auth.tenantPath("read"),
    asyncHandler(async (req, res) => {
      const { state } = validate(SilenceListQuery, req.query, "query");
      const rows = await deps.domain.prisma.silence.findMany({
        where: { tenantId: authOf(res).tenantId },
        orderBy: { createdAt: "desc" },
        take: 500,
      });
      const now = new Date();
      res.json({ items: rows.filter((s) => !state || silenceState(s, now) === state).map(silenceJson) });
    }),
  );

  router.delete(
    `${base}/:silenceId`,
    deps.auth.tenantPath("write"),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      const silence = await expireSilence(deps.domain, {
        tenantId,
        silenceId: String(req.params.silenceId),
        actor: actorOf(principal),
      });
      res.json(silenceJson(silence));
    }),
  );
  return router;
}
