import type { PrismaClient } from "@causeflow/db";
import express, { Router, type Request, type Response } from "express";
import type { KeyResolver } from "../auth/key-resolver";
import { changeFromDeploymentStatus } from "../changes/github-deployment";
import { changeJson, recordChange } from "../changes/record-change";
import { forbidden, unauthorized } from "../http/http-error";
import { assertJsonMediaType, parseJsonBody } from "../http/json-body";
import { authenticateWebhook } from "./authenticate-webhook";
import type { IntegrationSettingsCache } from "./integration-settings";
import type { TenantRateLimiter } from "./tenant-rate-limiter";
import { nativeVerifiers } from "./verifiers/verifier-registry";

export interface GitHubWebhookDeps {
  prisma: PrismaClient;
  keys: KeyResolver;
  integrations: IntegrationSettingsCache;
  rateLimiter: TenantRateLimiter;
  maxBodyBytes: number;
}

/**
 * `POST /v1/webhooks/{tenantId}/github`: GitHub `deployment_status` events become changes
 * (evidence for investigations). API key (GitHub cannot set headers: `?apiKey=`) and
 * `X-Hub-Signature-256` against the github integration's signing secrets, both required.
 */
export function githubWebhookRouter(deps: GitHubWebhookDeps): Router {
  const router = Router();
  router.post(
    "/v1/webhooks/:tenantId/github",
    (req, _res, next) => {
      assertJsonMediaType(req.get("content-type"));
      next();
    },
    express.raw({ type: () => true, limit: deps.maxBodyBytes }),
    (req, res, next) => {
      handle(deps, req, res).catch(next);
    },
  );
  return router;
}

async function handle(deps: GitHubWebhookDeps, req: Request, res: Response): Promise<void> {
  const tenantId = String(req.params.tenantId);
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  await authenticateWebhook(deps.keys, req, tenantId);
  const integration = await deps.integrations.get(tenantId, "github");
  if (!integration.enabled) throw forbidden("integration_disabled", "the github integration is disabled for this tenant");
  if (integration.signingSecrets.length === 0) {
    throw unauthorized(
      "invalid_signature",
      "set the github integration's signingSecrets to the webhook secret configured in GitHub",
    );
  }
  const verdict = nativeVerifiers.github({
    rawBody: body,
    headers: req.headers as Record<string, string | undefined>,
    secrets: integration.signingSecrets,
    toleranceSeconds: 0,
    now: new Date(),
  });
  if (!verdict.ok) throw unauthorized("invalid_signature", `github signature: ${verdict.reason}`);
  res.set(await deps.rateLimiter.consume(tenantId));

  const payload = parseJsonBody(body);
  const event = req.get("x-github-event");
  if (event !== "deployment_status") {
    res.status(200).json({ outcome: "ignored", reason: event === "ping" ? "ping" : `event_${event ?? "unknown"}` });
    return;
  }
  const change = changeFromDeploymentStatus(payload);
  if ("ignored" in change) {
    res.status(200).json({ outcome: "ignored", reason: change.ignored });
    return;
  }
  // A redelivery (same X-GitHub-Delivery, same deployment status) records nothing twice.
  const delivery = req.get("x-github-delivery");
  const externalId = change.externalId ?? (delivery ? `github:delivery:${delivery}` : undefined);
  const recorded = await recordChange(deps.prisma, tenantId, { ...change, externalId }, "github");
  if (!recorded) {
    res.status(200).json({ outcome: "ignored", reason: "duplicate_delivery" });
    return;
  }
  res.status(201).json({ outcome: "recorded", ...changeJson(recorded) });
}
