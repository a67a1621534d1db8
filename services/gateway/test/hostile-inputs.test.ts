import { createHmac } from "node:crypto";
import { connect } from "node:net";
import { PassThrough } from "node:stream";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { serveUntilStopped } from "../src/http/serve-until-stopped";

let stack: TestStack;
let creds: TenantCredentials;
const logs: string[] = [];
const key = () => ({ "x-api-key": creds.apiKey });

beforeAll(async () => {
  const destination = new PassThrough();
  destination.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  stack = await TestStack.start({ label: "hostile", logDestination: destination, outboundAllowedHosts: "" });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
});
afterAll(() => stack.close());

/** Every answer is a 4xx with the contract's error body: never a 500, never a reset socket. */
function clear4xx(res: { status: number; body: { error?: unknown; message?: unknown } }, status?: number) {
  if (status) expect(res.status).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(typeof res.body.error).toBe("string");
  expect(typeof res.body.message).toBe("string");
}

describe("unstorable text (issue: alerts acknowledged then failing for good)", () => {
  it.each([
    ["U+0000", "disk \u0000full"],
    ["a lone surrogate", "disk \ud800full"],
    ["both, in a tag key", "ok"],
  ])("an alert holding %s becomes an incident, made storable", async (label, title) => {
    const body = JSON.stringify({
      title,
      description: "x\u0000y \udfff",
      sourceAlertId: `unstorable-${label}`,
      tags: { "te\u0000am": "ops\ud800" },
    });
    const res = await stack.webhook(creds, "custom", body);
    expect(res.status).toBe(201);
    const incident = await stack.prisma.incident.findUniqueOrThrow({ where: { id: res.body.incidentId } });
    expect(incident.title.includes("\u0000")).toBe(false);
    expect(incident.description).toBe("xy \ufffd");
    expect(incident.tags).toEqual({ team: "ops\ufffd" });
  });

  it("a 5,000-character title is kept, truncated with a marker; an over-long id still deduplicates", async () => {
    const long = { title: "a".repeat(5000), description: "", sourceAlertId: "x".repeat(3000) };
    const first = await stack.webhook(creds, "custom", long);
    expect(first.status).toBe(201);
    const incident = await stack.prisma.incident.findUniqueOrThrow({ where: { id: first.body.incidentId } });
    expect(incident.title).toHaveLength(1000);
    expect(incident.title.endsWith("… [truncated]")).toBe(true);
    expect(incident.sourceAlertId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await stack.webhook(creds, "custom", long)).status).toBe(409);
  });

  it.each([
    ["POST /v1/tenants", () => request(stack.app).post("/v1/tenants").set(stack.admin()).send({ name: "a\u0000b" })],
    [
      "POST api-keys",
      () => request(stack.app).post(`/v1/tenants/${creds.tenantId}/api-keys`).set(key()).send({ name: "\u0000" }),
    ],
    [
      "POST /v1/incidents",
      () => request(stack.app).post("/v1/incidents").set(key()).send({ title: "t\u0000", description: "", severity: "low" }),
    ],
    [
      "POST /v1/changes",
      () => request(stack.app).post("/v1/changes").set(key()).send({ service: "s\u0000", environment: "e", version: "v" }),
    ],
    [
      "POST /v1/runbooks",
      () =>
        request(stack.app)
          .post("/v1/runbooks")
          .set(key())
          .send({ title: "r", steps: ["\ud800"] }),
    ],
  ])("%s with U+0000 or a lone surrogate in a string: 400", async (_label, send) => {
    const res = await send();
    clear4xx(res, 400);
    expect(res.body.message).toMatch(/U\+0000/);
  });
});

describe("malformed requests", () => {
  it.each([
    "/v1/incidents/%00",
    "/v1/runbooks/%00",
    "/v1/incidents?service=%00",
    "/v1/events/%E0%A4%A",
    "/v1/incidents/%E0%A4%A",
  ])("GET %s: 4xx", async (url) => {
    clear4xx(await request(stack.app).get(url).set(key()));
  });

  it("a broken %-escape in the webhook path: 4xx", async () => {
    clear4xx(
      await request(stack.app).post("/v1/webhooks/%E0%A4%A/custom").set(key()).set("content-type", "application/json").send("{}"),
    );
  });

  it.each([
    "datadog",
    "grafana",
    "alertmanager",
    "cloudwatch",
    "sentry",
    "pagerduty",
    "opsgenie",
    "newrelic",
    "azure",
    "gcp",
    "dynatrace",
    "custom",
  ])("%s: Content-Encoding br (or gzip) with a garbage body is a 4xx", async (provider) => {
    for (const encoding of ["br", "gzip"]) {
      const res = await request(stack.app)
        .post(`/v1/webhooks/${creds.tenantId}/${provider}`)
        .set(key())
        .set("content-type", "application/json")
        .set("content-encoding", encoding)
        .send(Buffer.from("this is not compressed at all"));
      clear4xx(res);
    }
  });

  describe("on a real socket", () => {
    let server: Awaited<ReturnType<typeof serveUntilStopped>>;
    let port: number;
    beforeAll(async () => {
      server = await serveUntilStopped(stack.app, 0);
      port = ((server.server as Server).address() as AddressInfo).port;
    });
    afterAll(() => server.stop(1000));

    /** Sends a raw request and reads the whole answer; a reset socket fails the test. */
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1");
        let answer = "";
        socket.on("data", (d) => (answer += d.toString()));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
        socket.end(text);
      });

    it("a 64 KB header gets a readable 431, a 100 KB URL a readable 414", async () => {
      const header = await raw(
        `GET /v1/incidents HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(65 * 1024)}\r\nConnection: close\r\n\r\n`,
      );
      expect(header).toMatch(/^HTTP\/1.1 431/);
      expect(header).toContain('"error":"headers_too_large"');
      const url = await raw(`GET /v1/incidents?q=${"a".repeat(100 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(url).toMatch(/^HTTP\/1.1 414/);
      expect(url).toContain('"error":"uri_too_long"');
    });
  });
});

describe("tenant patterns and URLs", () => {
  it("a runbook pattern that cannot run in linear time is 422; (a+)+$ is fine under RE2", async () => {
    const backref = await request(stack.app)
      .post("/v1/runbooks")
      .set(key())
      .send({ title: "r", match: { titlePattern: "(a)\\1" }, steps: ["s"] });
    clear4xx(backref, 422);
    expect(backref.body.error).toBe("invalid_pattern");
    await request(stack.app)
      .post("/v1/runbooks")
      .set(key())
      .send({ title: "evil", match: { titlePattern: "(a+)+$" }, steps: ["s"] })
      .expect(201);
  });

  it.each(["http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "http://127.0.0.1:9090", "http://[::1]:9090"])(
    "prometheusUrl %s is 422 url_not_allowed",
    async (prometheusUrl) => {
      const res = await request(stack.app)
        .put(`/v1/tenants/${creds.tenantId}/settings`)
        .set(key())
        .send({ metrics: { prometheusUrl } });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe("url_not_allowed");
    },
  );

  it("a metadata URL stored before the rule: the agent does not fetch it and says why", async () => {
    await stack.prisma.tenantSettings.upsert({
      where: { tenantId: creds.tenantId },
      create: { tenantId: creds.tenantId, metrics: { prometheusUrl: "http://169.254.169.254/latest/meta-data" } },
      update: { metrics: { prometheusUrl: "http://169.254.169.254/latest/meta-data" } },
    });
    const alert = await stack.webhook(creds, "custom", {
      title: "SSRF",
      description: "",
      sourceAlertId: "ssrf",
      severity: "critical",
      service: "api",
    });
    const detail = await eventually(
      () => request(stack.app).get(`/v1/incidents/${alert.body.incidentId}`).set(key()),
      (r) => r.body.investigation?.status === "completed",
      30_000,
    );
    const infra = detail.body.investigation.evidence.find((e: { agent: string }) => e.agent === "infra_inspector");
    expect(infra).toMatchObject({ kind: "metrics_source_refused", confidence: 0 });
    expect(infra.summary).toMatch(/link-local/);
    await stack.prisma.tenantSettings.delete({ where: { tenantId: creds.tenantId } });
  });
});

describe("smaller holes", () => {
  it("resolving right after creation never answers 409 (the change retries against the new status)", async () => {
    for (let i = 0; i < 20; i += 1) {
      const created = await stack.webhook(creds, "custom", {
        title: "R",
        description: "",
        sourceAlertId: `race-resolve-${i}`,
        severity: "critical",
      });
      const res = await request(stack.app)
        .patch(`/v1/incidents/${created.body.incidentId}`)
        .set(key())
        .send({ status: "resolved" });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("resolved");
    }
  });

  it("security headers, framing refused (Bull Board too)", async () => {
    for (const url of ["/healthz", "/admin/queues"]) {
      const res = await request(stack.app).get(url).set(stack.admin());
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("logs redact ?APIKEY= in any case and native signature headers", async () => {
    await request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/grafana?APIKEY=${encodeURIComponent(creds.apiKey)}`)
      .set("content-type", "application/json")
      .set("x-grafana-alerting-signature", "f".repeat(64))
      .set("sentry-hook-signature", "e".repeat(64))
      .send({ alerts: [] });
    const text = logs.join("");
    expect(text).toContain("/grafana?APIKEY=[redacted]");
    expect(text).not.toContain(creds.apiKey);
    expect(text).not.toContain("f".repeat(64));
    expect(text).not.toContain("e".repeat(64));
  });

  it("Grafana with requireSignatureTimestamp: a signature without the timestamp header is 401", async () => {
    const secret = "grafana-secret-123";
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/grafana`)
      .set(key())
      .send({ signingSecrets: [secret], requireSignatureTimestamp: true })
      .expect(200);
    const body = JSON.stringify({ alerts: [{ status: "resolved", fingerprint: "g1", labels: { alertname: "X" } }] });
    const bodyOnly = createHmac("sha256", secret).update(body).digest("hex");
    const res = await request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/grafana`)
      .set(key())
      .set("content-type", "application/json")
      .set("x-grafana-alerting-signature", bodyOnly)
      .send(body);
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/Timestamp is required/);
    const ts = String(Math.floor(Date.now() / 1000));
    const signed = await request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/grafana`)
      .set(key())
      .set("content-type", "application/json")
      .set("x-grafana-alerting-timestamp", ts)
      .set("x-grafana-alerting-signature", createHmac("sha256", secret).update(`${ts}:${body}`).digest("hex"))
      .send(body);
    expect(signed.status).toBe(200);
  });

  it("readiness and events say what is wrong, never where", async () => {
    const ready = await request(stack.app).get("/readyz");
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|5432|6379/);
    const queued = await stack.rawAlertsQueue.add("custom", { bogus: true }, { jobId: "evt_broken", attempts: 1 });
    await eventually(
      () => queued.getState(),
      (s) => s === "failed",
    );
    await stack.rawAlertsQueue.add("custom", {}, { jobId: "evt_other" });
    const res = await request(stack.app).get("/v1/events/evt_broken").set(key());
    expect(JSON.stringify(res.body)).not.toMatch(/\/work\/|node_modules|\.ts:/);
  });
});
