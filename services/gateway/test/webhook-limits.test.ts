import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { eventually } from "../../../test/support/eventually";

describe("rate limit per tenant", () => {
  let stack: TestStack;
  let a: TenantCredentials;
  let b: TenantCredentials;
  beforeAll(async () => {
    stack = await TestStack.start({ label: "ratelimit", config: { rateLimitPerMinute: 3 } });
    a = await stack.tenant(["ingest"], "a");
    b = await stack.tenant(["ingest"], "b");
  });
  afterAll(() => stack.close());

  it("429 rate_limited with Retry-After and X-RateLimit-* once a tenant used its budget; other tenants unaffected", async () => {
    const send = (c: TenantCredentials, i: number) =>
      stack.webhook(c, "datadog", { alert_id: `rl-${i}`, title: "Rate", alert_type: "info" }, { sign: false });
    const first = await send(a, 1);
    expect(first.status).toBe(201);
    expect(first.headers["x-ratelimit-limit"]).toBe("3");
    expect(first.headers["x-ratelimit-remaining"]).toBe("2");
    await send(a, 2);
    await send(a, 3);
    const limited = await send(a, 4);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(limited.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    expect((await send(b, 5)).status).toBe(201);
  });

  it("requests at once are counted together, each from its own place: the limit holds and no two get the same remaining", async () => {
    const c = await stack.tenant(["ingest"], "c");
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        stack.webhook(c, "datadog", { alert_id: `burst-${i}`, title: "Burst", alert_type: "info" }, { sign: false }),
      ),
    );
    const accepted = answers.filter((r) => r.status !== 429);
    expect(accepted.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(accepted.map((r) => r.headers["x-ratelimit-remaining"]).sort()).toEqual(["0", "1", "2"]);
    const limited = answers.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited.map((r) => r.headers["x-ratelimit-remaining"])).toEqual(["0", "0"]);
  });
});

describe("verdict not ready in time", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  beforeAll(async () => {
    // No normalizer running: the verdict cannot arrive.
    stack = await TestStack.start({ label: "queued", normalizer: false, config: { verdictTimeoutMs: 300 } });
    creds = await stack.tenant();
  });
  afterAll(() => stack.close());

  it("202 queued, the alert is kept in the queue, and becomes an incident once a normalizer runs", async () => {
    const res = await stack.webhook(creds, "custom", { title: "Late", description: "", sourceAlertId: "late-1" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ eventId: expect.stringMatching(/^evt_/), status: "queued" });
    const pending = await request(stack.app).get(`/v1/events/${res.body.eventId}`).set("x-api-key", creds.apiKey).expect(200);
    expect(pending.body).toMatchObject({ status: "queued", provider: "custom" });

    stack.startNormalizer();
    // The final state: the delivery is marked processed after its alert was applied.
    const done = await eventually(
      () => request(stack.app).get(`/v1/events/${res.body.eventId}`).set("x-api-key", creds.apiKey),
      (r) => r.body.status === "processed",
    );
    expect(done.body).toMatchObject({ status: "processed", outcome: "created" });
    expect(await stack.prisma.incident.count({ where: { sourceAlertId: "late-1" } })).toBe(1);
  });
});
