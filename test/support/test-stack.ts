import type { AgentName } from "@causeflow/contracts";
import { SecretBox, timelineJson } from "@causeflow/domain";
import { createSmtpTransport } from "@causeflow/notify";
import { Metrics } from "@causeflow/observability";
import { buildNotifier, type Notifier } from "../../services/notifier/src/build-notifier";
import { createLogger } from "@causeflow/logger";
import { createOutboundRequest, parseOutboundPolicy } from "@causeflow/outbound";
import type { BackoffSettings } from "@causeflow/queues";
import type { Queue } from "bullmq";
import type { Express } from "express";
import { Redis } from "ioredis";
import request from "supertest";
import { signBody } from "../../services/gateway/src/auth/webhook-signature";
import type { GatewayConfig } from "../../services/gateway/src/app";
import { buildGateway, type Gateway } from "../../services/gateway/src/build-gateway";
import type { CertificateFetcher } from "../../services/gateway/src/webhooks/verifiers/sns-certificates";
import { buildNormalizer, type Normalizer } from "../../services/normalizer/src/build-normalizer";
import type { HttpGet } from "../../services/normalizer/src/confirm-subscription";
import type { Agent } from "../../services/triage/src/agents/agent";
import { agentRegistry } from "../../services/triage/src/agents/agent-registry";
import { buildTriage, type Triage } from "../../services/triage/src/build-triage";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { TEST_ADMIN_TOKEN, TEST_REDIS_URL, TEST_SECRETS_KEY } from "./test-env";
import { connectRedis, deleteKeys, uniquePrefix } from "./test-redis";

export interface TestStackOptions {
  label: string;
  /** Where the stack's logs go (default: nowhere, unless TEST_LOG_LEVEL is set). */
  logDestination?: NodeJS.WritableStream;
  normalizer?: boolean;
  triage?: boolean;
  /** Agents to run instead of the real ones (by name). */
  agents?: Partial<Record<AgentName, Agent>>;
  agentBudgetMs?: number;
  /** What tenant-configured URLs may reach (default: 127.0.0.1, where the tests' receivers listen). */
  outboundAllowedHosts?: string;
  /** How the normalizer GETs SNS SubscribeURLs (default: refuses, tests never reach the network). */
  httpGet?: HttpGet;
  fetchCertificate?: CertificateFetcher;
  redisUrl?: string;
  config?: Partial<GatewayConfig>;
  /** Retry pace of every worker (default: fast, so retries do not slow tests). */
  backoff?: BackoffSettings;
  reconcile?: { intervalMs: number; graceMs: number };
  /** Run the notifier too (relay and deliveries); SMTP_URL of its email channels. */
  notifier?: boolean;
  smtpUrl?: string;
}

export interface TenantCredentials {
  tenantId: string;
  apiKey: string;
  webhookSecret: string;
  keyId: string;
}

const FAST_BACKOFF: BackoffSettings = { baseMs: 50, maxMs: 500 };

/**
 * The whole pipeline in one process, on a suite's own schema and key prefix, wired by the same
 * builders as each service's main.ts: gateway app, normalizer and triage workers.
 */
export class TestStack {
  readonly logger;
  private normalizers: Normalizer[] = [];
  private triages: Triage[] = [];
  private notifiers: Notifier[] = [];
  private gateways: Gateway[] = [];
  private readonly connections: Redis[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly redis: Redis,
    readonly prefix: string,
    private readonly options: TestStackOptions,
  ) {
    this.logger = options.logDestination
      ? createLogger({ service: "test", level: "info", destination: options.logDestination as never })
      : createLogger({ service: "test", level: process.env.TEST_LOG_LEVEL ?? "silent" });
  }

  gateway!: Gateway;
  /** One registry for the whole in-process stack (each service has its own in production). */
  readonly metrics = new Metrics("test");

  get app(): Express {
    return this.gateway.app;
  }

  get prisma() {
    return this.db.prisma;
  }

  get queues() {
    return this.gateway.queues;
  }

  get rawAlertsQueue(): Queue {
    return this.queues.get("raw-alerts");
  }

  get triageQueue(): Queue {
    return this.queues.get("triage");
  }

  get redisUrl(): string {
    return this.options.redisUrl ?? TEST_REDIS_URL;
  }

  /** A new connection that may block (workers, QueueEvents); closed with the stack. */
  connect(): Redis {
    const connection = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    connection.on("error", () => undefined);
    this.connections.push(connection);
    return connection;
  }

  static async start(options: TestStackOptions): Promise<TestStack> {
    const db = await createTestDatabase(options.label);
    const prefix = uniquePrefix(options.label);
    const redis = await connectRedis(options.redisUrl ?? TEST_REDIS_URL);
    const stack = new TestStack(db, redis, prefix, options);
    stack.gateway = await stack.buildGateway(redis);
    if (options.normalizer !== false) stack.startNormalizer();
    if (options.triage !== false) await stack.startTriage();
    if (options.notifier) await stack.startNotifier();
    return stack;
  }

  private buildGateway(redis: Redis): Promise<Gateway> {
    return buildGateway({
      prisma: this.db.prisma,
      redis,
      connect: () => this.connect(),
      logger: this.logger,
      dedupTtlSeconds: 3600,
      fetchCertificate: this.options.fetchCertificate ?? (async () => Promise.reject(new Error("no network in tests"))),
      streamPollMs: 1000,
      metrics: this.metrics,
      config: {
        adminToken: TEST_ADMIN_TOKEN,
        secretsKey: TEST_SECRETS_KEY,
        queuePrefix: this.prefix,
        verdictTimeoutMs: 5000,
        maxBodyBytes: 1024 * 1024,
        rateLimitPerMinute: 100_000,
        publicUrl: "http://causeflow.test",
        outboundAllowedHosts: this.options.outboundAllowedHosts ?? "127.0.0.1",
        ...this.options.config,
      },
    });
  }

  /** Another gateway on the same stores (scale-out): its own connections, its own verdict listener. */
  async addGateway(): Promise<Gateway> {
    const redis = await connectRedis(this.redisUrl);
    this.connections.push(redis);
    const gateway = await this.buildGateway(redis);
    this.gateways.push(gateway);
    return gateway;
  }

  startNormalizer(lockDuration = 30_000, concurrency = 16): Normalizer {
    const normalizer = buildNormalizer({
      prisma: this.prisma,
      redis: this.connect(),
      prefix: this.prefix,
      logger: this.logger,
      concurrency,
      lockDuration,
      dedupTtlSeconds: 3600,
      backoff: this.options.backoff ?? FAST_BACKOFF,
      httpGet: this.options.httpGet ?? (async () => Promise.reject(new Error("no network in tests"))),
      metrics: this.metrics,
    });
    this.normalizers.push(normalizer);
    return normalizer;
  }

  async startTriage(): Promise<Triage> {
    const triage = await buildTriage({
      prisma: this.prisma,
      redis: this.connect(),
      prefix: this.prefix,
      logger: this.logger,
      concurrency: 4,
      backoff: this.options.backoff ?? FAST_BACKOFF,
      agents: { ...agentRegistry, ...this.options.agents },
      agentBudgetMs: this.options.agentBudgetMs ?? 20_000,
      agentRequest: createOutboundRequest({ policy: parseOutboundPolicy(this.options.outboundAllowedHosts ?? "127.0.0.1") }),
      reconcile: this.options.reconcile ?? { intervalMs: 60_000, graceMs: 60_000 },
      metrics: this.metrics,
    });
    this.triages.push(triage);
    return triage;
  }

  /** An incident row with its investigations and its timeline (activity, oldest first) as the API shows it. */
  async incident(incidentId: string) {
    const row = await this.prisma.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { investigations: true } });
    const activity = await this.prisma.activity.findMany({ where: { incidentId }, orderBy: { seq: "asc" } });
    return { ...row, timeline: activity.map(timelineJson) };
  }

  async startNotifier(): Promise<Notifier> {
    const notifier = await buildNotifier({
      prisma: this.prisma,
      redis: this.connect(),
      subscriber: this.connect(),
      prefix: this.prefix,
      logger: this.logger,
      secrets: new SecretBox(TEST_SECRETS_KEY),
      sender: {
        request: createOutboundRequest({
          policy: parseOutboundPolicy(this.options.outboundAllowedHosts ?? "127.0.0.1"),
          timeoutMs: 3000,
        }),
        smtp: createSmtpTransport(this.options.smtpUrl),
        from: "CauseFlow <causeflow@test>",
      },
      publicUrl: "http://causeflow.test",
      concurrency: 8,
      backoff: this.options.backoff ?? FAST_BACKOFF,
      pollMs: 500,
      metrics: this.metrics,
      onOutcome: (type, outcome) => this.metrics.notifications.inc({ type, outcome }),
    });
    this.notifiers.push(notifier);
    return notifier;
  }

  admin() {
    return { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  }

  /** A tenant and an API key with the given scopes, made through the management API. */
  async tenant(scopes: string[] = ["ingest", "read", "write"], name = "acme"): Promise<TenantCredentials> {
    const tenant = await request(this.app).post("/v1/tenants").set(this.admin()).send({ name }).expect(201);
    const key = await request(this.app)
      .post(`/v1/tenants/${tenant.body.tenantId}/api-keys`)
      .set(this.admin())
      .send({ name: "test key", scopes })
      .expect(201);
    return {
      tenantId: tenant.body.tenantId,
      apiKey: key.body.apiKey,
      webhookSecret: key.body.webhookSecret,
      keyId: key.body.keyId,
    };
  }

  /** POSTs a signed webhook (exact bytes of `body`, or of its JSON) as a monitoring tool would. */
  webhook(
    creds: TenantCredentials,
    provider: string,
    body: string | object,
    opts: { sign?: boolean; headers?: Record<string, string> } = {},
  ) {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const req = request(this.app)
      .post(`/v1/webhooks/${creds.tenantId}/${provider}`)
      .set("content-type", "application/json")
      .set("x-api-key", creds.apiKey);
    if (opts.sign !== false) req.set("x-webhook-signature", signBody(creds.webhookSecret, raw));
    if (opts.headers) req.set(opts.headers);
    return req.send(raw);
  }

  async stopWorkers(): Promise<void> {
    await Promise.all([...this.normalizers, ...this.triages, ...this.notifiers].map((s) => s.close(5_000)));
    this.normalizers = [];
    this.triages = [];
    this.notifiers = [];
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    await Promise.all([this.gateway, ...this.gateways].map((gateway) => gateway.close()));
    await deleteKeys(this.redis, this.prefix).catch(() => undefined);
    this.redis.disconnect();
    for (const connection of this.connections) connection.disconnect();
    await this.db.close();
  }
}
