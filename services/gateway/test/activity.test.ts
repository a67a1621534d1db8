import { getEventListeners } from "node:events";
import http from "node:http";
import type { Socket } from "node:net";
import { activityChannel } from "@causeflow/contracts";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { SseClient } from "../../../test/support/sse-client";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { signBody } from "../src/auth/webhook-signature";
import { buildGateway, type Gateway } from "../src/build-gateway";
import { TEST_ADMIN_TOKEN, TEST_SECRETS_KEY } from "../../../test/support/test-env";

let stack: TestStack;
let creds: TenantCredentials;
let server: Server;
let base: string;
/** A second gateway instance on the same Redis and Postgres: a stream must not care which one it reaches. */
let second: Gateway;
let secondServer: Server;
let secondBase: string;

const alert = (id: string, severity = "low") => ({ title: `Alert ${id}`, description: "", sourceAlertId: id, severity });

function listen(app: Gateway["app"]): Promise<[Server, string]> {
  return new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve([s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`]));
  });
}

/** Another gateway instance on the stack's Redis and Postgres. */
function anotherGateway(config: { streamsPerTenant?: number } = {}): Promise<Gateway> {
  return buildGateway({
    prisma: stack.prisma,
    redis: stack.redis,
    connect: () => stack.connect(),
    logger: stack.logger,
    dedupTtlSeconds: 3600,
    streamPollMs: 60_000,
    config: {
      adminToken: TEST_ADMIN_TOKEN,
      secretsKey: TEST_SECRETS_KEY,
      queuePrefix: stack.prefix,
      verdictTimeoutMs: 5000,
      maxBodyBytes: 1 << 20,
      rateLimitPerMinute: 100_000,
      publicUrl: "http://causeflow.test",
      ...config,
    },
  });
}

beforeAll(async () => {
  stack = await TestStack.start({ label: "activity", config: { streamHeartbeatMs: 300 } });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
  [server, base] = await listen(stack.app);
  second = await anotherGateway();
  [secondServer, secondBase] = await listen(second.app);
});
afterAll(async () => {
  server.closeAllConnections();
  secondServer.closeAllConnections();
  await new Promise((r) => server.close(r));
  await new Promise((r) => secondServer.close(r));
  await second.close();
  await stack.close();
});

const auth = () => ({ "x-api-key": creds.apiKey });

describe("GET /v1/activity/stream", () => {
  it("delivers incident.created live, through another gateway instance", async () => {
    // The second gateway re-reads Postgres only once a minute: delivery here proves the Redis announcement path
    // (the latency itself is measured by npm run bench, not asserted on a busy machine).
    const client = await SseClient.open(`${secondBase}/v1/activity/stream`, auth());
    try {
      expect(client.status).toBe(200);
      expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
      const created = await stack.webhook(creds, "custom", alert("live-1"));
      expect(created.status).toBe(201);
      const event = await eventually(async () => client.events.find((e) => e.event === "incident.created"), Boolean, 5_000);
      const entry = JSON.parse(event!.data);
      expect(entry).toMatchObject({
        type: "incident.created",
        incidentId: created.body.incidentId,
        tenantId: creds.tenantId,
        actor: { kind: "provider", id: "custom" },
        data: { title: "Alert live-1", severity: "low", source: "custom" },
      });
      expect(event!.id).toBe(String(entry.activityId));
    } finally {
      client.close();
    }
  });

  it("resumes with Last-Event-ID: exactly the entries missed, no gap and no repeat", async () => {
    const first = await SseClient.open(`${base}/v1/activity/stream`, auth());
    await stack.webhook(creds, "custom", alert("resume-a"));
    const seen = await eventually(async () => first.events.find((e) => e.data.includes("resume-a")), Boolean);
    first.close();
    // While disconnected: a duplicate, a new incident, a status change.
    await stack.webhook(creds, "custom", alert("resume-a"));
    const b = await stack.webhook(creds, "custom", alert("resume-b"));
    await request(stack.app).patch(`/v1/incidents/${b.body.incidentId}`).set(auth()).send({ status: "resolved" }).expect(200);
    const missed = await eventually(
      () => request(stack.app).get(`/v1/activity?since=${seen!.id}&limit=500`).set(auth()),
      (r) => r.body.items.some((i: { type: string }) => i.type === "incident.resolved"),
    );
    const expected = missed.body.items.map((i: { activityId: number }) => String(i.activityId));

    const resumed = await SseClient.open(`${secondBase}/v1/activity/stream`, { ...auth(), "last-event-id": seen!.id! });
    try {
      await eventually(
        async () => resumed.events.length,
        (n) => n >= expected.length,
      );
      const ids = resumed.events.map((e) => e.id);
      expect(ids.slice(0, expected.length)).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
      const numbers = ids.map(Number);
      expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
      expect(numbers[0]).toBeGreaterThan(Number(seen!.id));
    } finally {
      resumed.close();
    }
  });

  it("filters by type and incident, and sends a comment line as heartbeat", async () => {
    const a = await stack.webhook(creds, "custom", alert("filter-a"));
    const client = await SseClient.open(
      `${base}/v1/activity/stream?since=0&types=incident.duplicate&incidentId=${a.body.incidentId}`,
      auth(),
    );
    try {
      await stack.webhook(creds, "custom", alert("filter-b"));
      await stack.webhook(creds, "custom", alert("filter-a"));
      await eventually(
        async () => client.events.length,
        (n) => n >= 1,
      );
      await eventually(
        async () => client.comments.filter((c) => c.startsWith("keep-alive")).length,
        (n) => n >= 1,
      );
      expect(client.events.every((e) => e.event === "incident.duplicate")).toBe(true);
      expect(client.events.every((e) => JSON.parse(e.data).incidentId === a.body.incidentId)).toBe(true);
    } finally {
      client.close();
    }
  });

  it("needs a key with read: 401 without one", async () => {
    const client = await SseClient.open(`${base}/v1/activity/stream`);
    client.close();
    expect(client.status).toBe(401);
  });
  it("stops listening for the gateway's shutdown once a verdict is answered or a stream closes; a stopping gateway ends its streams", async () => {
    const gateway = await anotherGateway();
    const [gatewayServer, gatewayBase] = await listen(gateway.app);
    const listening = () => getEventListeners(gateway.shutdown.signal, "abort").length;
    try {
      // Verdicts waited for: each request raced its reply against the shutdown, and let go of it.
      const answers = await Promise.all(
        ["listen-1", "listen-2", "listen-3"].map((id) => {
          const raw = JSON.stringify(alert(id));
          return request(gateway.app)
            .post(`/v1/webhooks/${creds.tenantId}/custom`)
            .set({
              "content-type": "application/json",
              "x-api-key": creds.apiKey,
              "x-webhook-signature": signBody(creds.webhookSecret, raw),
            })
            .send(raw);
        }),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(listening()).toBe(0);

      const closedByClient = await SseClient.open(`${gatewayBase}/v1/activity/stream`, auth());
      const open = await SseClient.open(`${gatewayBase}/v1/activity/stream`, auth());
      await eventually(
        async () => listening(),
        (n) => n === 2,
      );
      closedByClient.close();
      await eventually(
        async () => listening(),
        (n) => n === 1,
      );

      gateway.shutdown.trigger();
      await eventually(async () => open.closedByServer);
      expect(listening()).toBe(0);
    } finally {
      gatewayServer.closeAllConnections();
      await new Promise((r) => gatewayServer.close(r));
      await gateway.close();
    }
  });
  it("waits for a client that does not read: what it has not taken stays in Postgres, and it then gets every entry", async () => {
    const tenant = await stack.tenant(["read"]);
    const headers = { accept: "text/event-stream", "x-api-key": tenant.apiKey };
    // The gateway side of each new connection, and the most it held unsent for the client at once.
    const held = new Map<Socket, number>();
    const onConnection = (socket: Socket) => {
      held.set(socket, 0);
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((...args: unknown[]) => {
        const taken = write(...args);
        held.set(socket, Math.max(held.get(socket)!, socket.writableLength));
        return taken;
      }) as typeof socket.write;
    };
    server.on("connection", onConnection);
    // A client that reads nothing until told (a laptop asleep), and one that reads: the yardstick.
    const asleep = http.get(`${base}/v1/activity/stream`, { headers });
    const response = await new Promise<http.IncomingMessage>((resolve) => asleep.on("response", resolve));
    const awake = await SseClient.open(`${base}/v1/activity/stream`, headers);
    server.off("connection", onConnection);
    const [asleepSocket] = [...held.keys()];
    try {
      // 10,000 entries of ~600 bytes (6 MB), committed at once, then announced.
      await stack.prisma.$executeRawUnsafe(
        `WITH c AS (INSERT INTO "ActivityCounter" ("tenantId", "last") VALUES ($1, 10000)
                    ON CONFLICT ("tenantId") DO UPDATE SET "last" = "ActivityCounter"."last" + 10000 RETURNING "last")
         INSERT INTO "Activity" ("tenantId", "seq", "type", "actorKind", "actorId", "message", "data", "occurredAt")
         SELECT $1, c."last" - 10000 + g, 'api_key.created', 'operator', 'operator', 'Key created',
                jsonb_build_object('padding', repeat('x', 400)), now()
         FROM c, generate_series(1, 10000) g`,
        tenant.tenantId,
      );
      await stack.redis.publish(activityChannel(stack.prefix), tenant.tenantId);
      // Once the reading client has all of them, the other stream has had every chance to write them.
      await eventually(
        async () => awake.events.length,
        (n) => n === 10_000,
        60_000,
      );
      // It held at most a page (500 entries) past the response's buffer: not the 6 MB.
      expect(held.get(asleepSocket!)).toBeLessThan(1_000_000);
      let received = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (received += chunk));
      const ids = await eventually(
        async () => [...received.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])),
        (got) => got.length === 10_000,
        60_000,
      );
      // In order, no gap, no repeat (after the tenant's own first entries).
      expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    } finally {
      asleep.destroy();
      awake.close();
    }
  });

  it("holds a tenant to ACTIVITY_STREAMS_PER_TENANT open streams on a gateway (429 rate_limited past it), other tenants unaffected", async () => {
    const gateway = await anotherGateway({ streamsPerTenant: 2 });
    const [gatewayServer, gatewayBase] = await listen(gateway.app);
    const other = await stack.tenant(["read"]);
    const open = (who: TenantCredentials) => SseClient.open(`${gatewayBase}/v1/activity/stream`, { "x-api-key": who.apiKey });
    const clients: SseClient[] = [];
    try {
      clients.push(await open(creds), await open(creds));
      expect(clients.map((c) => c.status)).toEqual([200, 200]);
      // fetch resolves at the headers: a stream let through fails here rather than hanging.
      const refused = await fetch(`${gatewayBase}/v1/activity/stream`, { headers: auth() });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("30");
      expect(await refused.json()).toMatchObject({ error: "rate_limited" });
      clients.push(await open(other));
      expect(clients[2]!.status).toBe(200);
      // A stream that closes frees its slot.
      clients[0]!.close();
      const reopened = await eventually(
        async () => {
          const client = await open(creds);
          if (client.status !== 200) client.close();
          return client;
        },
        (client) => client.status === 200,
      );
      clients.push(reopened);
    } finally {
      clients.forEach((c) => c.close());
      gatewayServer.closeAllConnections();
      await new Promise((r) => gatewayServer.close(r));
      await gateway.close();
    }
  });
});

describe("GET /v1/activity and the timeline's actors", () => {
  it("approving a remediation with a key names that key as the actor, in the timeline and in /v1/activity", async () => {
    await request(stack.app)
      .post("/v1/changes")
      .set(auth())
      .send({ service: "cart", environment: "prod", version: "v9.9.9", occurredAt: new Date(Date.now() - 120_000).toISOString() })
      .expect(201);
    const fired = await stack.webhook(creds, "custom", {
      ...alert("approve-1", "critical"),
      service: "cart",
      environment: "prod",
    });
    await eventually(
      () => request(stack.app).get(`/v1/incidents/${fired.body.incidentId}`).set(auth()),
      (r) => r.body.status === "awaiting_approval",
      30_000,
    );
    await request(stack.app).post(`/v1/incidents/${fired.body.incidentId}/remediation/approve`).set(auth()).expect(200);

    const detail = await request(stack.app).get(`/v1/incidents/${fired.body.incidentId}`).set(auth()).expect(200);
    const approved = detail.body.timeline.find((t: { kind: string }) => t.kind === "remediation_approved");
    expect(approved.actor).toEqual({ kind: "key", id: creds.keyId });
    expect(detail.body.timeline.find((t: { kind: string }) => t.kind === "created").actor).toEqual({
      kind: "provider",
      id: "custom",
    });
    expect(detail.body.timeline.find((t: { kind: string }) => t.kind === "triaged").actor).toEqual({ kind: "system", id: null });
    expect(detail.body.investigation.remediation.decidedBy).toEqual({ kind: "key", id: creds.keyId });

    const listed = await request(stack.app)
      .get(`/v1/activity?types=remediation.approved&incidentId=${fired.body.incidentId}`)
      .set(auth())
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ type: "remediation.approved", actor: { kind: "key", id: creds.keyId } });
  });

  it("records key and integration changes as the audit trail, with the operator as actor", async () => {
    const key = await request(stack.app)
      .post(`/v1/tenants/${creds.tenantId}/api-keys`)
      .set(stack.admin())
      .send({ name: "audited", scopes: ["read"] })
      .expect(201);
    await request(stack.app).delete(`/v1/tenants/${creds.tenantId}/api-keys/${key.body.keyId}`).set(stack.admin()).expect(204);
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/grafana`)
      .set(auth())
      .send({ requireSignature: true, signingSecrets: ["s3cret-value"] })
      .expect(200);
    const res = await request(stack.app)
      .get("/v1/activity?types=api_key.created,api_key.revoked,integration.updated&limit=500")
      .set(auth())
      .expect(200);
    const byType = (type: string) => res.body.items.filter((i: { type: string }) => i.type === type).at(-1);
    expect(byType("api_key.created")).toMatchObject({ actor: { kind: "operator", id: null }, data: { keyId: key.body.keyId } });
    expect(byType("api_key.revoked")).toMatchObject({ actor: { kind: "operator", id: null }, data: { keyId: key.body.keyId } });
    expect(byType("integration.updated")).toMatchObject({
      actor: { kind: "key", id: creds.keyId },
      data: { provider: "grafana", changed: ["requireSignature", "signingSecrets"] },
    });
    expect(JSON.stringify(res.body)).not.toContain("s3cret-value");
  });

  it("pages oldest first with nextCursor, and answers 400 for an unknown type", async () => {
    const page = await request(stack.app).get("/v1/activity?limit=2").set(auth()).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].activityId).toBeLessThan(page.body.items[1].activityId);
    const next = await request(stack.app).get(`/v1/activity?limit=2&since=${page.body.nextCursor}`).set(auth()).expect(200);
    expect(next.body.items[0].activityId).toBeGreaterThan(page.body.items[1].activityId);
    const bad = await request(stack.app).get("/v1/activity?types=incident.exploded").set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_request");
  });

  it("activityIds are unique and gap-free per tenant under concurrent writes", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => stack.webhook(creds, "custom", alert(`burst-${i % 10}`))));
    const rows = await stack.prisma.activity.findMany({ where: { tenantId: creds.tenantId }, orderBy: { seq: "asc" } });
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
