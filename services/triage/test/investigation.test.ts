import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import type { Agent } from "../src/agents/agent";
import { UnrecoverableError, type Job } from "bullmq";
import { createSynthesisProcessor } from "../src/synthesize-investigation";
import { eventually } from "../../../test/support/eventually";
import { SYNTHESIS_ATTEMPTS } from "@causeflow/contracts";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function settled(stack: TestStack, creds: TenantCredentials, incidentId: string) {
  const res = await eventually(
    () => request(stack.app).get(`/v1/incidents/${incidentId}`).set("x-api-key", creds.apiKey),
    (r) => r.status === 200 && !!r.body.investigation && r.body.investigation.status !== "running",
    30_000,
  );
  return res.body;
}

describe("a critical alert after a deploy", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  beforeAll(async () => {
    stack = await TestStack.start({ label: "investigate" });
    creds = await stack.tenant(["ingest", "read", "write", "admin"]);
  });
  afterAll(() => stack.close());

  it("yields evidence naming the deploy, a root cause naming its version, and a rollback awaiting approval", async () => {
    const change = await request(stack.app)
      .post("/v1/changes")
      .set("x-api-key", creds.apiKey)
      .send({
        service: "checkout",
        environment: "production",
        version: "v1.4.2",
        description: "New payment flow",
        url: "https://github.com/acme/checkout/releases/v1.4.2",
        occurredAt: minutesAgo(2),
      })
      .expect(201);
    expect(change.body.changeId).toMatch(/^chg_/);
    const alert = await stack.webhook(creds, "custom", {
      title: "Checkout 5xx above 5%",
      description: "ALB 5xx",
      sourceAlertId: "checkout-5xx",
      severity: "critical",
      service: "checkout",
      environment: "production",
    });
    expect(alert.status).toBe(201);

    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(detail.status).toBe("awaiting_approval");
    const inv = detail.investigation;
    expect(inv.status).toBe("completed");
    const deploy = inv.evidence.find(
      (e: { agent: string; kind: string }) => e.agent === "change_detector" && e.kind === "recent_change",
    );
    expect(deploy.summary).toBe("checkout v1.4.2 was deployed to production 2 min before the incident started");
    expect(deploy.details).toMatchObject({ changeId: change.body.changeId, version: "v1.4.2", minutesBefore: 2 });
    expect(deploy.confidence).toBe(0.9);
    expect(inv.evidence.find((e: { agent: string }) => e.agent === "infra_inspector")).toMatchObject({
      kind: "no_metrics_source",
      confidence: 0,
    });
    expect(inv.rootCause.summary).toContain("checkout v1.4.2");
    expect(inv.rootCause.confidence).toBeGreaterThanOrEqual(0.9);
    expect(inv.remediation).toMatchObject({ status: "proposed", title: "Roll back checkout v1.4.2 in production" });
    expect(inv.remediation.steps[0]).toContain("v1.4.2");

    const kinds = detail.timeline.map((t: { kind: string }) => t.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "created",
        "triaged",
        "investigation_started",
        "agent_finished",
        "root_cause",
        "remediation_proposed",
      ]),
    );
    expect(kinds.filter((k: string) => k === "agent_finished")).toHaveLength(4);

    const approved = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/remediation/approve`)
      .set("x-api-key", creds.apiKey)
      .expect(200);
    expect(approved.body.status).toBe("remediating");
    const again = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/remediation/approve`)
      .set("x-api-key", creds.apiKey);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("no_proposal");
    const after = await request(stack.app)
      .get(`/v1/incidents/${alert.body.incidentId}`)
      .set("x-api-key", creds.apiKey)
      .expect(200);
    expect(after.body.investigation.remediation.status).toBe("approved");
    expect(after.body.timeline.map((t: { kind: string }) => t.kind)).toContain("remediation_approved");
  });

  it("a low alert dispatches nothing until asked; rejecting sends it back to investigating", async () => {
    await request(stack.app)
      .post("/v1/runbooks")
      .set("x-api-key", creds.apiKey)
      .send({
        title: "Queue backlog",
        match: { service: "worker", titlePattern: "backlog" },
        steps: ["Scale the workers to 10", "Check the consumer lag"],
      })
      .expect(201);
    const alert = await stack.webhook(creds, "custom", {
      title: "Jobs backlog growing",
      description: "",
      sourceAlertId: "backlog-1",
      severity: "low",
      service: "worker",
    });
    const idle = await eventually(
      () => request(stack.app).get(`/v1/incidents/${alert.body.incidentId}`).set("x-api-key", creds.apiKey),
      (r) => r.body.status !== "open",
    );
    expect(idle.body.status).toBe("triaging");
    expect(idle.body.investigation).toBeNull();

    const started = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/investigate`)
      .set("x-api-key", creds.apiKey);
    expect(started.status).toBe(202);
    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(detail.investigation.remediation).toMatchObject({
      status: "proposed",
      title: 'Run the runbook "Queue backlog"',
      steps: ["Scale the workers to 10", "Check the consumer lag"],
    });
    expect(detail.investigation.rootCause).toBeNull();

    const rejected = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/remediation/reject`)
      .set("x-api-key", creds.apiKey)
      .send({ reason: "Workers are already at max" })
      .expect(200);
    expect(rejected.body.status).toBe("investigating");
  });

  it("an info incident is never investigated", async () => {
    const alert = await stack.webhook(creds, "custom", {
      title: "Cert renews in 20 days",
      description: "",
      sourceAlertId: "cert-1",
      severity: "info",
    });
    const res = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/investigate`)
      .set("x-api-key", creds.apiKey);
    expect(res.status).toBe(409);
    expect(res.body.error).toBe("not_investigable");
  });

  it("names other open incidents on the service within the window, and not those long before", async () => {
    const search = (sourceAlertId: string, severity: string, occurredAt?: string) =>
      stack.webhook(creds, "custom", {
        title: sourceAlertId,
        description: "",
        sourceAlertId,
        severity,
        service: "search",
        occurredAt,
      });
    const before = await search("search-old", "low", minutesAgo(240));
    const near = await search("search-lag", "low", minutesAgo(10));
    const now = await search("search-5xx", "high");
    const evidence = (await settled(stack, creds, now.body.incidentId)).investigation.evidence as {
      kind: string;
      details: { incidentIds?: string[] };
    }[];
    const related = evidence.find((e) => e.kind === "related_incidents");
    expect(related?.details.incidentIds).toContain(near.body.incidentId);
    expect(related?.details.incidentIds).not.toContain(before.body.incidentId);
  });

  it("proposes the approved fix of an earlier incident with the same title, and says it recurs", async () => {
    const runbook = await request(stack.app)
      .post("/v1/runbooks")
      .set("x-api-key", creds.apiKey)
      .send({ title: "Unstick exports", match: { service: "exports" }, steps: ["Restart the export worker"] })
      .expect(201);
    const first = await stack.webhook(creds, "custom", {
      title: "Invoice export stuck",
      description: "",
      sourceAlertId: "export-1",
      severity: "high",
      service: "exports",
    });
    expect((await settled(stack, creds, first.body.incidentId)).investigation.remediation.title).toBe(
      'Run the runbook "Unstick exports"',
    );
    await request(stack.app)
      .post(`/v1/incidents/${first.body.incidentId}/remediation/approve`)
      .set("x-api-key", creds.apiKey)
      .expect(200);
    await request(stack.app)
      .patch(`/v1/incidents/${first.body.incidentId}`)
      .set("x-api-key", creds.apiKey)
      .send({ status: "resolved" })
      .expect(200);
    // Without the runbook, only the earlier incident's approved fix is left to propose.
    await request(stack.app).delete(`/v1/runbooks/${runbook.body.runbookId}`).set("x-api-key", creds.apiKey).expect(204);

    const second = await stack.webhook(creds, "custom", {
      title: "Invoice export stuck",
      description: "",
      sourceAlertId: "export-2",
      severity: "high",
      service: "exports",
    });
    const detail = await settled(stack, creds, second.body.incidentId);
    expect(detail.investigation.remediation).toMatchObject({
      status: "proposed",
      title: 'Run the runbook "Unstick exports"',
      steps: ["Restart the export worker"],
    });
    const evidence = detail.investigation.evidence as { agent: string; kind: string; details: Record<string, unknown> }[];
    expect(evidence.find((e) => e.kind === "past_fix")?.details).toMatchObject({ incidentId: first.body.incidentId });
    expect(evidence.find((e) => e.kind === "recurrence")?.details).toMatchObject({
      pastIncidents: [expect.objectContaining({ incidentId: first.body.incidentId, status: "resolved" })],
    });
  });

  it("with nothing to go on, proposes nothing and says why", async () => {
    const alert = await stack.webhook(creds, "custom", {
      title: "Mystery latency",
      description: "",
      sourceAlertId: "mystery",
      severity: "high",
      service: "search",
    });
    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(detail.status).toBe("investigating");
    expect(detail.investigation.remediation).toBeNull();
    expect(detail.investigation.evidence.find((e: { agent: string }) => e.agent === "remediation_planner")).toMatchObject({
      kind: "no_remediation",
      confidence: 0,
    });
    expect(detail.investigation.evidence.find((e: { agent: string }) => e.agent === "change_detector")).toMatchObject({
      kind: "no_recent_change",
    });
  });
});

describe("an agent that waited out an outage", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  const runs = new Map<string, number>();
  // Its metrics source unreachable first (an outage: retried), then a failure of its own, then fine.
  const flaky: Agent = {
    name: "infra_inspector",
    run: async ({ investigationId }) => {
      const run = (runs.get(investigationId) ?? 0) + 1;
      runs.set(investigationId, run);
      if (run === 1) throw new Error("connect ECONNREFUSED 127.0.0.1:9090");
      if (run === 2) throw new Error("metrics source answered 500");
      return { evidence: [{ kind: "steady", summary: "steady on its third run", details: {}, confidence: 0.5 }] };
    },
  };

  beforeAll(async () => {
    stack = await TestStack.start({ label: "agentoutage", agents: { infra_inspector: flaky } });
    creds = await stack.tenant(["ingest", "read"]);
  });
  afterAll(() => stack.close());

  it("still has its second try for a failure of its own", async () => {
    const alert = await stack.webhook(creds, "custom", {
      title: "Latency up",
      description: "",
      sourceAlertId: "latency-up",
      severity: "critical",
      service: "search",
    });
    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(runs.get(detail.investigation.investigationId)).toBe(3);
    expect(detail.timeline.map((t: { kind: string }) => t.kind)).not.toContain("agent_failed");
    expect(detail.investigation.evidence.find((e: { agent: string }) => e.agent === "infra_inspector")).toMatchObject({
      kind: "steady",
      summary: "steady on its third run",
    });
  });
});

describe("agents that fail", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  const throwing: Agent = {
    name: "incident_correlator",
    run: async () => {
      throw new Error("correlator exploded");
    },
  };
  const slow: Agent = {
    name: "infra_inspector",
    run: () => new Promise((resolve) => setTimeout(() => resolve({ evidence: [] }), 5_000)),
  };

  beforeAll(async () => {
    stack = await TestStack.start({
      label: "agentfail",
      agents: { incident_correlator: throwing, infra_inspector: slow },
      agentBudgetMs: 300,
    });
    creds = await stack.tenant(["ingest", "read", "write"]);
  });
  afterAll(() => stack.close());

  it("leave the other agents' evidence intact, and the investigation completes", async () => {
    await request(stack.app)
      .post("/v1/changes")
      .set("x-api-key", creds.apiKey)
      .send({ service: "api", environment: "prod", version: "2026.11.29-1", occurredAt: minutesAgo(5) })
      .expect(201);
    const alert = await stack.webhook(creds, "custom", {
      title: "API down",
      description: "",
      sourceAlertId: "api-down",
      severity: "critical",
      service: "api",
      environment: "prod",
    });
    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(detail.investigation.status).toBe("completed");
    const agents = new Set(detail.investigation.evidence.map((e: { agent: string }) => e.agent));
    expect([...agents].sort()).toEqual(["change_detector", "remediation_planner"]);
    expect(detail.investigation.rootCause.summary).toContain("2026.11.29-1");
    const failed = detail.timeline.filter((t: { kind: string }) => t.kind === "agent_failed");
    expect(failed.map((t: { data: { agent: string } }) => t.data.agent).sort()).toEqual([
      "incident_correlator",
      "infra_inspector",
    ]);
    expect(failed.find((t: { data: { agent: string } }) => t.data.agent === "infra_inspector").message).toMatch(
      /time budget of 300 ms/,
    );
  });

  it("a second investigation is refused while one runs", async () => {
    const alert = await stack.webhook(creds, "custom", {
      title: "Slow API",
      description: "",
      sourceAlertId: "slow-1",
      severity: "medium",
      service: "api",
    });
    await eventually(
      () => request(stack.app).get(`/v1/incidents/${alert.body.incidentId}`).set("x-api-key", creds.apiKey),
      (r) => r.body.status === "triaging",
    );
    const first = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/investigate`)
      .set("x-api-key", creds.apiKey);
    const second = await request(stack.app)
      .post(`/v1/incidents/${alert.body.incidentId}/investigate`)
      .set("x-api-key", creds.apiKey);
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.error).toBe("investigation_running");
  });
});

describe("infra_inspector against a recorded Prometheus exchange", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  let server: Server;
  const queries: string[] = [];
  const recorded = (name: string) =>
    readFileSync(path.join(__dirname, "fixtures", `prometheus-query-range-${name}.json`), "utf8");

  beforeAll(async () => {
    // Replays responses recorded from Prometheus's /api/v1/query_range, on loopback.
    server = createServer((req, res) => {
      const url = new URL(req.url!, "http://localhost");
      queries.push(url.searchParams.get("query")!);
      res.setHeader("content-type", "application/json");
      res.end(recorded(url.searchParams.get("query")!.startsWith("up") ? "up" : "error-rate"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    stack = await TestStack.start({ label: "infra" });
    creds = await stack.tenant(["ingest", "read", "write", "admin"]);
    const { port } = server.address() as AddressInfo;
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/settings`)
      .set("x-api-key", creds.apiKey)
      .send({ metrics: { prometheusUrl: `http://127.0.0.1:${port}` } })
      .expect(200);
  });
  afterAll(async () => {
    await stack.close();
    server.close();
  });

  it("reports the error rate that rose at the incident start and the steady up series", async () => {
    const alert = await stack.webhook(creds, "custom", {
      title: "Checkout errors",
      description: "",
      sourceAlertId: "infra-1",
      severity: "high",
      service: "checkout",
      occurredAt: "2026-11-29T11:58:00Z",
    });
    const detail = await settled(stack, creds, alert.body.incidentId);
    const infra = detail.investigation.evidence.filter((e: { agent: string }) => e.agent === "infra_inspector");
    expect(queries).toEqual(['up{service="checkout"}', 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m]))']);
    expect(infra.find((e: { kind: string }) => e.kind === "errorRate_changed").summary).toBe(
      "checkout error rate rose from 0.002 to 1.165/s at the incident start",
    );
    expect(infra.find((e: { kind: string }) => e.kind === "up_steady")).toBeDefined();
    expect(detail.investigation.rootCause.summary).toMatch(/^Infrastructure change at the incident start/);
  });
});

describe("GitHub deployment_status webhooks", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  const secret = "github-webhook-secret";
  const payload = JSON.stringify({
    action: "created",
    deployment_status: {
      id: 1,
      state: "success",
      environment: "production",
      target_url: "https://github.com/acme/shop/actions/runs/42",
      description: "Deployed",
      created_at: minutesAgo(3),
    },
    deployment: {
      id: 7,
      sha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      ref: "v3.1.0",
      task: "deploy",
      payload: {},
      environment: "production",
      description: "Release v3.1.0",
    },
    repository: { id: 1296269, name: "shop", full_name: "acme/shop", html_url: "https://github.com/acme/shop" },
    sender: { login: "octocat" },
  });
  const sign = (body: string, key = secret) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
  const post = (body: string, headers: Record<string, string>) =>
    request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/github?apiKey=${encodeURIComponent(creds.apiKey)}`)
      .set({ "content-type": "application/json", ...headers })
      .send(body);

  beforeAll(async () => {
    stack = await TestStack.start({ label: "github" });
    creds = await stack.tenant(["ingest", "read", "write", "admin"]);
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/github`)
      .set("x-api-key", creds.apiKey)
      .send({ signingSecrets: [secret] })
      .expect(200);
  });
  afterAll(() => stack.close());

  it("records a successful deployment as a change that change_detector then finds", async () => {
    const res = await post(payload, { "x-github-event": "deployment_status", "x-hub-signature-256": sign(payload) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      outcome: "recorded",
      service: "shop",
      environment: "production",
      version: "v3.1.0",
      source: "github",
    });
    const alert = await stack.webhook(creds, "custom", {
      title: "Shop down",
      description: "",
      sourceAlertId: "shop-down",
      severity: "critical",
      service: "shop",
      environment: "production",
    });
    const detail = await settled(stack, creds, alert.body.incidentId);
    expect(detail.investigation.rootCause.summary).toContain("shop v3.1.0");
  });

  it("refuses a wrong X-Hub-Signature-256; pings and failed deployments change nothing", async () => {
    const bad = await post(payload, { "x-github-event": "deployment_status", "x-hub-signature-256": sign(payload, "other") });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe("invalid_signature");
    const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    expect((await post(ping, { "x-github-event": "ping", "x-hub-signature-256": sign(ping) })).body).toEqual({
      outcome: "ignored",
      reason: "ping",
    });
    const failed = payload.replace('"state":"success"', '"state":"failure"');
    expect((await post(failed, { "x-github-event": "deployment_status", "x-hub-signature-256": sign(failed) })).body).toEqual({
      outcome: "ignored",
      reason: "deployment_failure",
    });
    expect(await stack.prisma.change.count()).toBe(1);
  });
  it("a redelivery records nothing twice, and an empty target_url falls back to the commit", async () => {
    const redelivered = payload
      .replace('"deployment_status":{"id":1,', '"deployment_status":{"id":4242,')
      .replace('"target_url":"https://github.com/acme/shop/actions/runs/42"', '"target_url":""');
    const headers = {
      "x-github-event": "deployment_status",
      "x-hub-signature-256": sign(redelivered),
      "x-github-delivery": "guid-1",
    };
    const first = await post(redelivered, headers);
    expect(first.status).toBe(201);
    expect(first.body.url).toBe("https://github.com/acme/shop/commit/9fceb02d0ae598e95dc970b74767f19372d61af8");
    const again = await post(redelivered, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ outcome: "ignored", reason: "duplicate_delivery" });
    expect(await stack.prisma.change.count({ where: { externalId: "github:deployment_status:4242" } })).toBe(1);
  });
});

describe("an investigation whose synthesis keeps failing", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  beforeAll(async () => {
    stack = await TestStack.start({ label: "invfail", triage: false });
    creds = await stack.tenant(["ingest", "read", "write"]);
  });
  afterAll(() => stack.close());

  it("is marked failed after its last attempt, so a new one can start", async () => {
    const alert = await stack.webhook(creds, "custom", { title: "X", description: "", sourceAlertId: "f-1", severity: "low" });
    const investigationId = "inv_test_failed";
    // An agent name no version knows: synthesis can never succeed on this row.
    await stack.prisma.investigation.create({
      data: {
        id: investigationId,
        incidentId: alert.body.incidentId,
        tenantId: creds.tenantId,
        status: "running",
        agents: ["oracle"],
      },
    });
    const synthesize = createSynthesisProcessor({
      prisma: stack.prisma,
      publisher: { announce: () => undefined },
      logger: stack.logger,
    });
    const data = { investigationId, incidentId: alert.body.incidentId, tenantId: creds.tenantId };
    // Its own failures as the worker counts them (OwnFailures; packages/queues/test/own-failures.test.ts).
    const job = { attemptsMade: 0, timestamp: Date.now() } as Job;
    const failure = (count: number) => ({ record: async () => ({ count, final: count >= SYNTHESIS_ATTEMPTS }) });
    await expect(synthesize(data, job, failure(1))).rejects.toThrow();
    expect((await stack.prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe("running");
    await expect(synthesize(data, job, failure(SYNTHESIS_ATTEMPTS))).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await stack.prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } })).status).toBe("failed");
    const entry = await stack.prisma.activity.findFirstOrThrow({
      where: { incidentId: alert.body.incidentId, type: "investigation.failed" },
    });
    expect(entry.message).toMatch(/^Investigation failed: /);
    expect(entry.actorKind).toBe("system");
  });
});
