import { newId, type RawAlertJob, type SnsConfirmationJob, type TriageJob } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import { storeChecks } from "@causeflow/health";
import type { Logger } from "@causeflow/logger";
import type { FlowProducer, Queue, QueueEvents } from "bullmq";
import express, { type Express } from "express";
import type { Redis } from "ioredis";
import { pinoHttp } from "pino-http";
import { Authenticator } from "./auth/authenticator";
import { KeyResolver } from "./auth/key-resolver";
import { SecretBox } from "./auth/secret-box";
import { errorHandler } from "./http/error-handler";
import { notFound } from "./http/http-error";
import { redactRequest } from "./http/redact-request";
import { apiKeysRouter } from "./routes/api-keys-router";
import { bullBoardRouter } from "./routes/bull-board-router";
import { eventsRouter } from "./routes/events-router";
import { healthRouter } from "./routes/health-router";
import { incidentsRouter } from "./routes/incidents-router";
import { integrationsRouter } from "./routes/integrations-router";
import { tenantsRouter } from "./routes/tenants-router";
import { IntegrationSettingsCache } from "./webhooks/integration-settings";
import { TenantRateLimiter } from "./webhooks/tenant-rate-limiter";
import { SnsCertificateStore, type CertificateFetcher } from "./webhooks/verifiers/sns-certificates";
import { webhookRouter } from "./webhooks/webhook-router";
import { githubWebhookRouter } from "./webhooks/github-webhook-router";
import { changesRouter } from "./routes/changes-router";
import { investigationsRouter } from "./routes/investigations-router";
import { runbooksRouter } from "./routes/runbooks-router";
import { tenantSettingsRouter } from "./routes/tenant-settings-router";

export interface GatewayConfig {
  adminToken: string;
  secretsKey: string;
  queuePrefix: string;
  verdictTimeoutMs: number;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  publicUrl: string;
  /** Pre-fetched SNS signing certificates by file name (air-gapped hosts, tests). */
  snsCertDir?: string;
}

export interface GatewayDeps {
  prisma: PrismaClient;
  /** Command connection (fails fast when Redis is down: enableOfflineQueue off). */
  redis: Redis;
  rawAlertsQueue: Queue<RawAlertJob>;
  triageQueue: Queue<TriageJob>;
  snsConfirmationsQueue: Queue<SnsConfirmationJob>;
  queueEvents: QueueEvents;
  /** Starts investigation flows (POST /v1/incidents/{id}/investigate). */
  flows: FlowProducer;
  logger: Logger;
  config: GatewayConfig;
  /** How SNS signing certificates are downloaded (default: HTTPS with a 5 s timeout). */
  fetchCertificate?: CertificateFetcher;
}

/** The gateway's Express app, not listening: main.ts listens, tests use supertest. */
export function createApp(deps: GatewayDeps): Express {
  const { prisma, redis, config, logger } = deps;
  const secrets = new SecretBox(config.secretsKey);
  const keys = new KeyResolver(prisma, secrets, (error) => logger.warn({ err: error }, "could not record lastUsedAt"));
  const auth = new Authenticator(config.adminToken, keys);
  const integrations = new IntegrationSettingsCache(prisma, secrets);

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : newId("request");
        res.setHeader("X-Request-Id", id);
        return id;
      },
      serializers: { req: redactRequest },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(healthRouter(storeChecks({ redis, prisma })));
  const rateLimiter = new TenantRateLimiter(redis, config.queuePrefix, config.rateLimitPerMinute);
  app.use(githubWebhookRouter({ prisma, keys, integrations, rateLimiter, maxBodyBytes: config.maxBodyBytes }));
  app.use(
    webhookRouter({
      keys,
      integrations,
      rateLimiter,
      rawAlertsQueue: deps.rawAlertsQueue,
      queueEvents: deps.queueEvents,
      snsCertificates: new SnsCertificateStore(config.snsCertDir, deps.fetchCertificate),
      maxBodyBytes: config.maxBodyBytes,
      verdictTimeoutMs: config.verdictTimeoutMs,
    }),
  );
  app.use(eventsRouter({ prisma, auth, rawAlertsQueue: deps.rawAlertsQueue }));
  app.use(tenantsRouter({ prisma, auth }));
  app.use(apiKeysRouter({ prisma, auth, secrets, keys }));
  app.use(integrationsRouter({ prisma, auth, secrets, integrations, publicUrl: config.publicUrl }));
  app.use(investigationsRouter({ prisma, auth, flows: deps.flows }));
  app.use(incidentsRouter({ prisma, redis, auth, triageQueue: deps.triageQueue, queuePrefix: config.queuePrefix }));
  app.use(changesRouter({ prisma, auth }));
  app.use(runbooksRouter({ prisma, auth }));
  app.use(tenantSettingsRouter({ prisma, auth }));
  app.use(bullBoardRouter({ auth, queues: [deps.rawAlertsQueue, deps.triageQueue, deps.snsConfirmationsQueue] }));
  app.use((req, _res, next) => next(notFound("not_found", `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
