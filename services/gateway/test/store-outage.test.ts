import request from "supertest";
import { createLogger } from "@causeflow/logger";
import { createPrismaClient } from "@causeflow/db";
import { DedicatedRedis, freePort } from "../../../test/support/dedicated-redis";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { eventually } from "../../../test/support/eventually";
import { buildGateway } from "../src/build-gateway";
import { TEST_ADMIN_TOKEN, TEST_SECRETS_KEY } from "../../../test/support/test-env";

describe("Redis stopped", () => {
  let redis: DedicatedRedis;
  let stack: TestStack;
  let creds: TenantCredentials;

  beforeAll(async () => {
    redis = await DedicatedRedis.start();
    stack = await TestStack.start({ label: "outage", redisUrl: redis.url });
    creds = await stack.tenant();
    expect((await stack.webhook(creds, "custom", { title: "Before", description: "", sourceAlertId: "before" })).status).toBe(
      201,
    );
    await redis.stop();
  });
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it("webhooks answer 503 unavailable with Retry-After, never a 2xx", async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        stack.webhook(creds, "custom", { title: "During", description: "", sourceAlertId: `during-${i}` }),
      ),
    );
    for (const res of responses) {
      expect(res.status).toBe(503);
      expect(res.body.error).toBe("unavailable");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    expect(await stack.prisma.alertEvent.count({ where: { rawBody: { contains: "During" } } })).toBe(0);
  });

  it("a manual incident is not created when it cannot be queued for triage", async () => {
    const res = await request(stack.app)
      .post("/v1/incidents")
      .set("x-api-key", creds.apiKey)
      .send({ title: "Manual during outage", description: "", severity: "high" });
    expect(res.status).toBe(503);
    expect(await stack.prisma.incident.count({ where: { source: "manual" } })).toBe(0);
  });

  it("/readyz is 503 and /healthz stays 200", async () => {
    const ready = await request(stack.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.checks.redis).not.toBe("ok");
    expect(ready.body.checks.postgres).toBe("ok");
    expect((await request(stack.app).get("/healthz")).status).toBe(200);
  });

  it("recovers once Redis is back", async () => {
    await redis.restart();
    const res = await eventually(
      () => stack.webhook(creds, "custom", { title: "After", description: "", sourceAlertId: "after" }),
      (r) => r.status !== 503,
    );
    expect(res.status).toBe(201);
  });
});

describe("Postgres unreachable", () => {
  it("webhooks and the API answer 503, not 500", async () => {
    const stack = await TestStack.start({ label: "pgdown", normalizer: false, triage: false });
    let closeGateway: (() => Promise<void>) | undefined;
    const deadPrisma = createPrismaClient({ databaseUrl: `postgresql://postgres@127.0.0.1:${await freePort()}/nothing` });
    try {
      const gateway = await buildGateway({
        prisma: deadPrisma,
        redis: stack.redis,
        connect: () => stack.connect(),
        logger: createLogger({ service: "test", level: "silent" }),
        dedupTtlSeconds: 60,
        config: {
          adminToken: TEST_ADMIN_TOKEN,
          secretsKey: TEST_SECRETS_KEY,
          queuePrefix: stack.prefix,
          verdictTimeoutMs: 500,
          maxBodyBytes: 1 << 20,
          rateLimitPerMinute: 1000,
          publicUrl: "http://x",
        },
      });
      closeGateway = () => gateway.close();
      const { app } = gateway;
      const hook = await request(app)
        .post("/v1/webhooks/ten_x/datadog")
        .set("content-type", "application/json")
        .set("x-api-key", "cflo_k")
        .send("{}");
      expect(hook.status).toBe(503);
      expect(hook.body.error).toBe("unavailable");
      expect(hook.headers["retry-after"]).toBeDefined();
      const tenants = await request(app)
        .post("/v1/tenants")
        .set("authorization", `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: "x" });
      expect(tenants.status).toBe(503);
      const ready = await request(app).get("/readyz");
      expect(ready.status).toBe(503);
      expect(ready.body.checks.postgres).not.toBe("ok");
    } finally {
      await closeGateway?.();
      await deadPrisma.$disconnect().catch(() => undefined);
      await stack.close();
    }
  });
});
