import {
  DEFAULT_JOB_OPTIONS,
  QUEUE_NAMES,
  type RawAlertJob,
  type SnsConfirmationJob,
  type TriageJob,
} from "@causeflow/contracts";
import { createLogger } from "@causeflow/logger";
import { FlowProducer, Queue, QueueEvents, type Worker } from "bullmq";
import type { Express } from "express";
import { Redis } from "ioredis";
import request from "supertest";
import { signBody } from "../../services/gateway/src/auth/webhook-signature";
import { createApp, type GatewayConfig } from "../../services/gateway/src/app";
import type { HttpGet } from "../../services/normalizer/src/confirm-subscription";
import { createNormalizerWorker, createSnsConfirmationWorker } from "../../services/normalizer/src/create-normalizer-worker";
import type { CertificateFetcher } from "../../services/gateway/src/webhooks/verifiers/sns-certificates";
import { DedupCache } from "../../services/normalizer/src/dedup-cache";
import { EventLog } from "../../services/normalizer/src/event-log";
import { IncidentStore } from "../../services/normalizer/src/incident-store";
import type { AgentName } from "@causeflow/contracts";
import type { Agent } from "../../services/triage/src/agents/agent";
import { agentRegistry } from "../../services/triage/src/agents/agent-registry";
import { createInvestigationWorkers, createTriageWorker } from "../../services/triage/src/create-triage-worker";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { connectRedis, deleteKeys, uniquePrefix } from "./test-redis";
import { TEST_ADMIN_TOKEN, TEST_REDIS_URL, TEST_SECRETS_KEY } from "./test-env";

export interface TestStackOptions {
  label: string;
  /** Where the stack's logs go (default: nowhere, unless TEST_LOG_LEVEL is set). */
  logDestination?: NodeJS.WritableStream;
  normalizer?: boolean;
  triage?: boolean;
  /** Agents to run instead of the real ones (by name). */
  agents?: Partial<Record<AgentName, Agent>>;
  agentBudgetMs?: number;
  /** HTTP used by agents (infra_inspector). */
  agentFetch?: typeof fetch;
  /** How the normalizer GETs SNS SubscribeURLs (default: refuses, tests never reach the network). */
  httpGet?: HttpGet;
  fetchCertificate?: CertificateFetcher;
  redisUrl?: string;
  config?: Partial<GatewayConfig>;
}

export interface TenantCredentials {
  tenantId: string;
  apiKey: string;
  webhookSecret: string;
  keyId: string;
}

/** The whole pipeline in one process: gateway app, normalizer and triage workers, on a suite's own schema and prefix. */
export class TestStack {
  readonly logger;
  private workers: Worker[] = [];
  private constructor(
    readonly app: Express,
    readonly db: TestDatabase,
    readonly redis: Redis,
    readonly blocking: Redis,
    readonly prefix: string,
    readonly rawAlertsQueue: Queue<RawAlertJob>,
    readonly triageQueue: Queue<TriageJob>,
    readonly snsConfirmationsQueue: Queue<SnsConfirmationJob>,
    readonly queueEvents: QueueEvents,
    readonly flows: FlowProducer,
    private readonly httpGet: HttpGet,
    logDestination?: NodeJS.WritableStream,
  ) {
    this.logger = logDestination
      ? createLogger({ service: "test", level: "info", destination: logDestination as never })
      : createLogger({ service: "test", level: process.env.TEST_LOG_LEVEL ?? "silent" });
  }

  get prisma() {
    return this.db.prisma;
  }

  static async start(options: TestStackOptions): Promise<TestStack> {
    const db = await createTestDatabase(options.label);
    const prefix = uniquePrefix(options.label);
    const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
    const redis = await connectRedis(redisUrl);
    const blocking = new Redis(redisUrl, { maxRetriesPerRequest: null });
    blocking.on("error", () => undefined);
    const queueOptions = {
      connection: redis,
      prefix,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "fixed", delay: 100 } },
    };
    const rawAlertsQueue = new Queue<RawAlertJob>(QUEUE_NAMES.rawAlerts, queueOptions);
    const triageQueue = new Queue<TriageJob>(QUEUE_NAMES.triage, queueOptions);
    const snsConfirmationsQueue = new Queue<SnsConfirmationJob>(QUEUE_NAMES.snsConfirmations, queueOptions);
    const queueEvents = new QueueEvents(QUEUE_NAMES.rawAlerts, { connection: blocking, prefix });
    await queueEvents.waitUntilReady();
    const flows = new FlowProducer({ connection: redis, prefix });
    const stack = new TestStack(
      undefined as unknown as Express,
      db,
      redis,
      blocking,
      prefix,
      rawAlertsQueue,
      triageQueue,
      snsConfirmationsQueue,
      queueEvents,
      flows,
      options.httpGet ?? (async () => Promise.reject(new Error("no network in tests"))),
      options.logDestination,
    );
    (stack as { app: Express }).app = createApp({
      prisma: db.prisma,
      redis,
      rawAlertsQueue,
      triageQueue,
      snsConfirmationsQueue,
      queueEvents,
      flows,
      fetchCertificate: options.fetchCertificate ?? (async () => Promise.reject(new Error("no network in tests"))),
      logger: stack.logger,
      config: {
        adminToken: TEST_ADMIN_TOKEN,
        secretsKey: TEST_SECRETS_KEY,
        queuePrefix: prefix,
        verdictTimeoutMs: 5000,
        maxBodyBytes: 1024 * 1024,
        rateLimitPerMinute: 100_000,
        publicUrl: "http://causeflow.test",
        ...options.config,
      },
    });
    if (options.normalizer !== false) stack.startNormalizer();
    if (options.triage !== false) {
      stack.startTriage({ ...agentRegistry, ...options.agents }, options.agentBudgetMs ?? 20_000, options.agentFetch ?? fetch);
    }
    return stack;
  }

  startNormalizer(lockDuration = 30_000): Worker {
    const worker = createNormalizerWorker(
      {
        events: new EventLog(this.prisma),
        store: new IncidentStore(this.prisma),
        dedup: new DedupCache(this.redis, this.prefix, 3600),
        triageQueue: this.triageQueue,
        snsConfirmationsQueue: this.snsConfirmationsQueue,
        logger: this.logger,
      },
      { connection: this.blocking, prefix: this.prefix, concurrency: 16, lockDuration, logger: this.logger },
    );
    const confirmations = createSnsConfirmationWorker(
      { prisma: this.prisma, httpGet: this.httpGet, logger: this.logger },
      { connection: this.blocking, prefix: this.prefix, logger: this.logger },
    );
    this.workers.push(worker, confirmations);
    return worker;
  }

  startTriage(agents: Record<AgentName, Agent>, budgetMs: number, agentFetch: typeof fetch): void {
    const options = { connection: this.blocking, prefix: this.prefix, concurrency: 4, logger: this.logger };
    this.workers.push(
      createTriageWorker({ prisma: this.prisma, flows: this.flows, logger: this.logger }, options),
      ...createInvestigationWorkers(agents, { prisma: this.prisma, logger: this.logger, budgetMs, fetch: agentFetch }, options),
    );
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
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers = [];
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    await this.queueEvents.close();
    await this.flows.close();
    await Promise.all([this.rawAlertsQueue.close(), this.triageQueue.close(), this.snsConfirmationsQueue.close()]);
    await deleteKeys(this.redis, this.prefix).catch(() => undefined);
    this.redis.disconnect();
    this.blocking.disconnect();
    await this.db.close();
  }
}
