import { custom, getProvider } from "@causeflow/providers";
import { Router } from "express";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { notFound } from "../http/http-error";
import type { IntegrationSettingsCache } from "./integration-settings";
import { queueDelivery, type WebhookRouterDeps } from "./webhook-router";

/**
 * `POST /v1/tenants/{tenantId}/integrations/{provider}/test` (the console's "send a test alert"):
 * an info-level alert goes through the whole pipeline (queue, normalizer, verdict), as a `custom`
 * alert tagged with the integration, and the answer a tool would get comes back. Info is never
 * investigated; sending again is a duplicate.
 */
export function testAlertRouter(
  deps: Pick<WebhookRouterDeps, "deliveries" | "shutdown" | "verdictTimeoutMs"> & {
    auth: Authenticator;
    integrations: IntegrationSettingsCache;
  },
): Router {
  const router = Router();
  router.post(
    "/v1/tenants/:tenantId/integrations/:provider/test",
    deps.auth.tenantPath("write"),
    asyncHandler(async (req, res) => {
      const slug = String(req.params.provider);
      if (!getProvider(slug)) throw notFound("unknown_provider", `unknown provider '${slug}'`);
      const { tenantId } = authOf(res);
      const rawBody = JSON.stringify({
        title: `Test alert from the CauseFlow console (${slug} integration)`,
        description: "Sent with the console's 'send a test alert' button: the pipeline works end to end.",
        sourceAlertId: `console-test-${slug}`,
        severity: "info",
        status: "firing",
        service: "causeflow",
        environment: "test",
        tags: { integration: slug, test: "true" },
      });
      const answer = await queueDelivery(deps, {
        tenantId,
        provider: custom,
        settings: await deps.integrations.get(tenantId, custom.slug),
        rawBody,
        headers: { "content-type": "application/json", "user-agent": "CauseFlow-Console" },
        requestId: String(req.id),
      });
      res.json({ status: answer.status, body: answer.body });
    }),
  );
  return router;
}
