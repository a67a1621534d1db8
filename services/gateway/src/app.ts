import type { PrismaClient } from "@causeflow/db";
import { SecretBox, type DomainDeps } from "@causeflow/domain";
import { storeChecks } from "@causeflow/health";
import type { Logger } from "@causeflow/logger";
import { createOutboundRequest, parseOutboundPolicy } from "@causeflow/outbound";
import type { Transporter } from "nodemailer";
import type { Metrics } from "@causeflow/observability";
import type { QueueSet } from "@causeflow/queues";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Redis } from "ioredis";
import type { ActivityHub } from "./activity/activity-hub";
import { Authenticator } from "./auth/authenticator";
import { SessionStore } from "./auth/session-store";
import { consoleDistDir, serveConsole } from "./console/serve-console";
import { sessionRouter } from "./routes/session-router";
import { testAlertRouter } from "./webhooks/test-alert-router";
import { DeliveryQueue } from "./webhooks/delivery-queue";
import type { VerdictListener } from "./webhooks/verdict-listener";
import { KeyResolver } from "./auth/key-resolver";
import { errorHandler } from "./http/error-handler";
import { notFound } from "./http/http-error";
import { requestLogger } from "./http/request-logger";
import { requestLimits } from "./http/request-limits";
import type { ShutdownSignal } from "./http/shutdown-signal";
import { activityRouter } from "./routes/activity-router";
import { apiKeysRouter } from "./routes/api-keys-router";
import { bullBoardRouter } from "./routes/bull-board-router";
import { changesRouter } from "./routes/changes-router";
import { eventsRouter } from "./routes/events-router";
import { healthRouter } from "./routes/health-router";
import { incidentsRouter } from "./routes/incidents-router";
import { integrationsRouter } from "./routes/integrations-router";
import { investigationsRouter } from "./routes/investigations-router";
import { runbooksRouter } from "./routes/runbooks-router";
import { channelsRouter } from "./routes/channels-router";
import { silencesRouter } from "./routes/silences-router";
import { tenantSettingsRouter } from "./routes/tenant-settings-router";
import { tenantsRouter } from "./routes/tenants-router";
import { githubWebhookRouter } from "./webhooks/github-webhook-router";
import { IntegrationSettingsCache } from "./webhooks/integration-settings";
import { TenantRateLimiter } from "./webhooks/tenant-rate-limiter";
import { SnsCertificateStore, type CertificateFetcher } from "./webhooks/verifiers/sns-certificates";
import { webhookRouter } from "./webhooks/webhook-router";

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
  /** `DATABASE_URL`: readiness waits until no migration is pending in its schema. */
  databaseUrl?: string;
  /** `OUTBOUND_ALLOWED_HOSTS`: what tenant-configured URLs may reach besides public addresses (contract §8). */
  outboundAllowedHosts?: string;
  /** The console's build (default: services/console/dist when built; null serves none). */
  consoleDir?: string | null;
  /** `SMTP_FROM`: the sender of email channels' test messages. */
  smtpFrom?: string;
  /** Comment lines on idle activity streams (contract §7: every 15 s). */
  streamHeartbeatMs?: number;
  /** `ACTIVITY_STREAMS_PER_TENANT`: open activity streams per tenant on one gateway (default 100). */
  streamsPerTenant?: number;
}

export interface GatewayDeps {
  prisma: PrismaClient;
  /** Command connection (fails fast when Redis is down: enableOfflineQueue off). */
  redis: Redis;
  /** Producers of every catalog queue (webhooks, manual incidents, investigations; Bull Board lists them). */
  queues: QueueSet;
  /** This gateway's verdict channel: webhooks wait there for the normalizer's verdict. */
  verdicts: VerdictListener;
  /** The domain operations' dependencies. */
  domain: DomainDeps;
  hub: ActivityHub;
  shutdown: ShutdownSignal;
  logger: Logger;
  config: GatewayConfig;
  metrics: Metrics;
  /** SMTP_URL's transport, for email channels' test messages (null: not configured). */
  smtp?: Transporter | null;
  /** How SNS signing certificates are downloaded (default: HTTPS with a 5 s timeout). */
  fetchCertificate?: CertificateFetcher;
}

/** The gateway's Express app, not listening: main.ts listens, tests use supertest. */
export function createApp(deps: GatewayDeps): Express {
  const { prisma, redis, config, logger, domain } = deps;
  const secrets = new SecretBox(config.secretsKey);
  const keys = new KeyResolver(prisma, secrets, (error) => logger.warn({ err: error }, "could not record lastUsedAt"));
  const sessions = new SessionStore(redis, config.queuePrefix);
  const auth = new Authenticator(config.adminToken, keys, sessions);
  const integrations = new IntegrationSettingsCache(prisma, secrets);
  const outbound = parseOutboundPolicy(config.outboundAllowedHosts);
  const deliveries = new DeliveryQueue(deps.queues, deps.verdicts);

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(requestLogger(logger));
  app.use(requestLimits);
  // Security headers everywhere; framing is refused (Bull Board and the console included).
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", "data:"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          imgSrc: ["'self'", "data:"],
          objectSrc: ["'none'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // Bull Board sets inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
        },
      },
      frameguard: { action: "deny" },
      // HSTS belongs to the TLS terminator in front of a self-hosted gateway, not to plain-HTTP installs.
      hsts: false,
    }),
  );
  // Webhooks first: every router mounted before them is walked by every alert (issue 12).
  const rateLimiter = new TenantRateLimiter(redis, config.queuePrefix, config.rateLimitPerMinute);
  app.use(githubWebhookRouter({ prisma, keys, integrations, rateLimiter, maxBodyBytes: config.maxBodyBytes }));
  app.use(
    webhookRouter({
      keys,
      integrations,
      rateLimiter,
      deliveries,
      shutdown: deps.shutdown,
      snsCertificates: new SnsCertificateStore(config.snsCertDir, deps.fetchCertificate),
      maxBodyBytes: config.maxBodyBytes,
      verdictTimeoutMs: config.verdictTimeoutMs,
      metrics: deps.metrics,
    }),
  );
  app.use(healthRouter(storeChecks({ redis, prisma, databaseUrl: config.databaseUrl })));
  // Prometheus text (contract §11): no authentication, no tenant ids or secrets in labels.
  app.get("/metrics", (_req, res, next) => {
    deps.metrics.text().then(({ contentType, body }) => res.type(contentType).send(body), next);
  });
  app.use(
    testAlertRouter({
      auth,
      integrations,
      deliveries,
      shutdown: deps.shutdown,
      verdictTimeoutMs: config.verdictTimeoutMs,
    }),
  );
  app.use(sessionRouter({ auth, keys, sessions, secureCookies: config.publicUrl.startsWith("https:") }));
  app.use(eventsRouter({ prisma, auth, queues: deps.queues }));
  app.use(
    activityRouter({
      prisma,
      auth,
      hub: deps.hub,
      shutdown: deps.shutdown,
      heartbeatMs: config.streamHeartbeatMs ?? 15_000,
      streamsPerTenant: config.streamsPerTenant ?? 100,
    }),
  );
  app.use(tenantsRouter({ prisma, auth }));
  app.use(apiKeysRouter({ domain, prisma, auth, secrets, keys }));
  app.use(
    integrationsRouter({
      domain,
      prisma,
      auth,
      secrets,
      integrations,
      publicUrl: config.publicUrl,
      verdictTimeoutMs: config.verdictTimeoutMs,
    }),
  );
  app.use(investigationsRouter({ domain, auth }));
  app.use(incidentsRouter({ domain, prisma, auth }));
  app.use(changesRouter({ prisma, auth }));
  app.use(runbooksRouter({ prisma, auth }));
  app.use(silencesRouter({ domain, auth }));
  app.use(
    channelsRouter({
      domain: { ...domain, secrets, outbound },
      auth,
      sender: {
        request: createOutboundRequest({ policy: outbound }),
        smtp: deps.smtp ?? null,
        from: config.smtpFrom ?? "CauseFlow <causeflow@localhost>",
      },
      publicUrl: config.publicUrl,
    }),
  );
  app.use(tenantSettingsRouter({ prisma, auth, outbound }));
  app.use(bullBoardRouter({ auth, queues: deps.queues.all() }));
  app.use(serveConsole(config.consoleDir === undefined ? consoleDistDir() : config.consoleDir));
  app.use((req, _res, next) => next(notFound("not_found", `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
