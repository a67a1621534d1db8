import { decodePayloadRejection } from "@causeflow/contracts";
import { getProvider, type ProviderDefinition } from "@causeflow/providers";
import { inSpan, type Metrics } from "@causeflow/observability";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { KeyResolver } from "../auth/key-resolver";
import { forbidden, notFound } from "../http/http-error";
import type { ShutdownSignal } from "../http/shutdown-signal";
import { assertJsonMediaType, parseJsonBody } from "../http/json-body";
import { authenticateWebhook } from "./authenticate-webhook";
import { captureHeaders } from "./capture-headers";
import type { DeliveryQueue } from "./delivery-queue";
import { checkSignature } from "./check-signature";
import type { ActiveIntegration, IntegrationSettingsCache } from "./integration-settings";
import type { TenantRateLimiter } from "./tenant-rate-limiter";
import type { SnsCertificateStore } from "./verifiers/sns-certificates";
import { queuedResponse, rejectionResponse, verdictResponse, type HttpAnswer } from "./verdict-response";

export interface WebhookRouterDeps {
  keys: KeyResolver;
  integrations: IntegrationSettingsCache;
  rateLimiter: TenantRateLimiter;
  deliveries: DeliveryQueue;
  shutdown: ShutdownSignal;
  snsCertificates: SnsCertificateStore;
  maxBodyBytes: number;
  verdictTimeoutMs: number;
  metrics: Metrics;
}

/**
 * `POST /v1/webhooks/{tenantId}/{provider}`: checks in the contract's order (provider, media type,
 * size, API key, integration, signature, rate limit, JSON), enqueues the raw delivery, then waits
 * briefly for the normalizer's verdict.
 */
export function webhookRouter(deps: WebhookRouterDeps): Router {
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: deps.maxBodyBytes });

  router.post(
    "/v1/webhooks/:tenantId/:provider",
    countRequest(deps.metrics),
    checkProviderAndType,
    readBody,
    (req, res, next) => {
      inSpan(
        `webhook ${res.locals.provider?.slug ?? "unknown"}`,
        { attributes: { "causeflow.provider": String(req.params.provider) } },
        () => handle(deps, req, res),
      ).catch(next);
    },
  );
  return router;
}

/** causeflow_webhook_requests_total by provider (known slugs only) and status; the verdict wait of queued deliveries. */
function countRequest(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stopTimer = metrics.verdictSeconds.startTimer();
    res.on("finish", () => {
      const provider = getProvider(String(req.params.provider))?.slug ?? "unknown";
      metrics.webhookRequests.inc({ provider, status: String(res.statusCode) });
      if (res.locals.queued) stopTimer({ provider });
    });
    next();
  };
}

function checkProviderAndType(req: Request, res: Response, next: NextFunction): void {
  const provider = getProvider(String(req.params.provider));
  if (!provider) return next(notFound("unknown_provider", `unknown provider '${req.params.provider}'`));
  res.locals.provider = provider;
  assertJsonMediaType(req.get("content-type"));
  next();
}

async function handle(deps: WebhookRouterDeps, req: Request, res: Response): Promise<void> {
  const provider = res.locals.provider as ProviderDefinition;
  const tenantId = String(req.params.tenantId);
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);

  const key = await authenticateWebhook(deps.keys, req, tenantId);
  const settings = await deps.integrations.get(tenantId, provider.slug);
  if (!settings.enabled) throw forbidden("integration_disabled", `the ${provider.slug} integration is disabled for this tenant`);
  await checkSignature(req, body, provider, key, settings, deps.snsCertificates);
  res.set(await deps.rateLimiter.consume(tenantId));

  parseJsonBody(body);
  const answer = await queueDelivery(deps, {
    tenantId,
    provider,
    settings,
    rawBody: body.toString("utf8"),
    headers: captureHeaders(req.headers),
    requestId: String(req.id),
    onQueued: (eventId) => {
      res.locals.queued = true;
      // The request line (requestLogger, at the end) says the rest: one log line per request.
      res.locals.eventId = eventId;
    },
  });
  res.status(answer.status).json(answer.body);
}

/**
 * Queues an authenticated delivery (in the next `raw-alerts` job) and answers with its verdict,
 * within the wait this sender tolerates (contract §9: the integration's settings, else the provider's).
 */
export async function queueDelivery(
  deps: Pick<WebhookRouterDeps, "deliveries" | "shutdown" | "verdictTimeoutMs">,
  input: {
    tenantId: string;
    provider: ProviderDefinition;
    settings: Pick<ActiveIntegration, "verdictTimeoutMs" | "duplicateStatus">;
    rawBody: string;
    headers: Record<string, string>;
    requestId?: string;
    onQueued?: (eventId: string) => void;
  },
): Promise<HttpAnswer> {
  const waitMs = input.settings.verdictTimeoutMs ?? Math.min(deps.verdictTimeoutMs, input.provider.maxVerdictWaitMs ?? Infinity);
  const duplicateStatus = input.settings.duplicateStatus ?? input.provider.duplicateStatus ?? 409;
  const { eventId, wait } = await deps.deliveries.add({
    tenantId: input.tenantId,
    provider: input.provider.slug,
    receivedAt: new Date().toISOString(),
    rawBody: input.rawBody,
    headers: input.headers,
    requestId: input.requestId,
    waitMs: deps.shutdown.active ? 0 : waitMs,
  });
  input.onQueued?.(eventId);
  if (!wait) return queuedResponse(eventId);
  // The verdict within the wait, or 202 (also at once when the gateway starts to stop: the delivery is queued).
  const reply = await deps.shutdown.race(wait.reply);
  if (reply === "shutdown") {
    wait.cancel();
    return queuedResponse(eventId);
  }
  if (!reply) return queuedResponse(eventId);
  if ("verdict" in reply) return verdictResponse(reply.verdict, duplicateStatus);
  const rejection = decodePayloadRejection(reply.rejection);
  return rejection ? rejectionResponse(eventId, rejection) : queuedResponse(eventId);
}
