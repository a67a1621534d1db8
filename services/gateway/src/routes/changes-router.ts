import type { PrismaClient } from "@causeflow/db";
import { Router } from "express";
import { authOf, type Authenticator } from "../auth/authenticator";
import { ChangeInput } from "@causeflow/contracts/http";
import { changeJson, recordChange } from "../changes/record-change";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

/** `POST /v1/changes`: a deploy or config change, evidence for investigations (key with `write`). */
export function changesRouter(deps: { prisma: PrismaClient; auth: Authenticator }): Router {
  const router = Router();
  router.post(
    "/v1/changes",
    jsonBody("64kb"),
    deps.auth.tenantScope("write"),
    asyncHandler(async (req, res) => {
      const input = validate(ChangeInput, req.body);
      const change = await recordChange(deps.prisma, authOf(res).tenantId, input, "api");
      res.status(201).json(changeJson(change!));
    }),
  );
  return router;
}
