import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { conforms } from "../../../test/support/contract";
import { freePort } from "../../../test/support/dedicated-redis";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/** The how-many-th request of its delivery this is (webhook-id), so each delivery is answered on its own. */
const perDelivery = (respond: (attempt: number, res: ServerResponse) => void) => {
  const seen = new Map<string, number>();
  return (_n: number, res: ServerResponse, req: IncomingMessage) => {
    const id = String(req.headers["webhook-id"]);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    respond(seen.get(id)!, res);
  };
};

/** A receiver on loopback: records every request, answers with `respond`. */
class Receiver {
  readonly requests: { headers: IncomingMessage["headers"]; body: string; at: number }[] = [];
  private server!: Server;
  url!: string;
  constructor(private readonly respond: (n: number, res: ServerResponse, req: IncomingMessage) => void) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        this.requests.push({ headers: req.headers, body, at: Date.now() });
        this.respond(this.requests.length, res, req);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const ok = (_n: number, res: ServerResponse) => res.writeHead(200).end("ok");

let stack: TestStack;
let creds: TenantCredentials;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
const receivers: Receiver[] = [];
const receiver = async (respond: (n: number, res: ServerResponse, req: IncomingMessage) => void = ok) => {
  const r = await new Receiver(respond).start();
  receivers.push(r);
  return r;
};
const admin = () => ({ "x-api-key": creds.apiKey });
const channels = () => `/v1/tenants/${creds.tenantId}/channels`;
const createChannel = async (body: object) => {
  const res = conforms("createChannel", await request(stack.app).post(channels()).set(admin()).send(body));
  expect(res.status).toBe(201);
  return res.body as { channelId: string; signingSecret?: string };
};
const deliveries = async (channelId: string) =>
  conforms("listDeliveries", await request(stack.app).get(`${channels()}/${channelId}/deliveries`).set(admin())).body.items as {
    status: string;
    attempts: number;
    responseStatus: number | null;
    activityType: string;
    lastError: string | null;
  }[];
let seq = 0;
const fire = (extra: object = {}) =>
  stack.webhook(creds, "custom", {
    title: "Payments down",
    description: "5xx everywhere",
    sourceAlertId: `n-${++seq}`,
    severity: "critical",
    service: "payments",
    environment: "production",
    ...extra,
  });

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", r));
  stack = await TestStack.start({ label: "notify", notifier: true, smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await new Promise<void>((r) => smtp.close(() => r()));
  await stack.close();
});

describe("channels deliver what matters, once, within seconds", () => {
  it("a signed webhook (Standard Webhooks), verified with the package's own verifier", async () => {
    const hook = await receiver();
    const channel = await createChannel({ name: "ops hook", type: "webhook", config: { url: hook.url } });
    expect(channel.signingSecret).toMatch(/^whsec_/);
    const fired = await fire();
    await eventually(
      async () => hook.requests.length,
      (n) => n >= 1,
    );
    const [first] = hook.requests;
    const verified = new Webhook(channel.signingSecret!).verify(first!.body, {
      "webhook-id": String(first!.headers["webhook-id"]),
      "webhook-timestamp": String(first!.headers["webhook-timestamp"]),
      "webhook-signature": String(first!.headers["webhook-signature"]),
    }) as { type: string; incidentId: string; incident: { severity: string; title: string } };
    expect(verified).toMatchObject({
      type: "incident.created",
      incidentId: fired.body.incidentId,
      incident: { title: "Payments down" },
    });
    expect(() =>
      new Webhook(channel.signingSecret!).verify(
        first!.body.replace("Payments", "Paym3nts"),
        first!.headers as Record<string, string>,
      ),
    ).toThrow();
    const log = await eventually(
      () => deliveries(channel.channelId),
      (d) => d.some((x) => x.status === "delivered"),
    );
    expect(log.find((d) => d.activityType === "incident.created")).toMatchObject({
      status: "delivered",
      attempts: 1,
      responseStatus: 200,
    });
    // The secret is never shown again, and the channel lists without it.
    const listed = await request(stack.app).get(`${channels()}/${channel.channelId}`).set(admin()).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(channel.signingSecret!);
  });

  it("503 twice then 200: delivered at the third attempt; 400: failed after one", async () => {
    const flaky = await receiver(perDelivery((attempt, res) => res.writeHead(attempt <= 2 ? 503 : 200).end()));
    const refusing = await receiver((_n, res) => res.writeHead(400).end("bad request"));
    const a = await createChannel({ name: "flaky", type: "webhook", config: { url: flaky.url } });
    const b = await createChannel({ name: "refusing", type: "webhook", config: { url: refusing.url } });
    await fire();
    const delivered = await eventually(
      () => deliveries(a.channelId),
      (d) => d.length > 0 && d.every((x) => x.status === "delivered"),
      20_000,
    );
    expect(delivered.map((d) => [d.attempts, d.responseStatus])).toEqual(delivered.map(() => [3, 200]));
    const failed = await eventually(
      () => deliveries(b.channelId),
      (d) => d.length > 0 && d.every((x) => x.status === "failed"),
    );
    expect(failed.map((d) => [d.attempts, d.responseStatus])).toEqual(failed.map(() => [1, 400]));
    expect(failed[0]!.lastError).toMatch(/HTTP 400/);
    // One request per delivery, none retried.
    const ids = refusing.requests.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    await request(stack.app).delete(`${channels()}/${a.channelId}`).set(admin()).expect(204);
    await request(stack.app).delete(`${channels()}/${b.channelId}`).set(admin()).expect(204);
  });

  it("an endless answer: the error quotes its start, and the notifier hangs up instead of reading it", async () => {
    const limit = 64 * 1024 * 1024;
    let written = 0;
    const endless = await receiver((_n, res) => {
      res.writeHead(400, { "content-type": "text/plain" });
      const more = (): void => {
        while (written < limit && !res.destroyed) {
          written += 65_536;
          if (!res.write("y".repeat(65_536))) return void res.once("drain", more);
        }
        res.end();
      };
      more();
    });
    const channel = await createChannel({ name: "endless", type: "webhook", config: { url: endless.url } });
    await fire();
    const [failed] = await eventually(
      () => deliveries(channel.channelId),
      (d) => d.length > 0 && d.every((x) => x.status === "failed"),
    );
    expect(failed!.lastError).toMatch(/^HTTP 400: y+$/);
    expect(failed!.lastError!.length).toBeLessThanOrEqual("HTTP 400: ".length + 300);
    expect(written).toBeLessThan(limit);
    await request(stack.app).delete(`${channels()}/${channel.channelId}`).set(admin()).expect(204);
  });

  it("429 with Retry-After is honoured, and a hanging channel never delays another", async () => {
    const limited = await receiver(
      perDelivery((attempt, res) =>
        attempt === 1 ? res.writeHead(429, { "retry-after": "1" }).end() : res.writeHead(200).end(),
      ),
    );
    const hanging = await receiver(() => undefined);
    const good = await receiver();
    const l = await createChannel({ name: "limited", type: "webhook", config: { url: limited.url } });
    const h = await createChannel({ name: "hanging", type: "webhook", config: { url: hanging.url } });
    const g = await createChannel({ name: "good", type: "webhook", config: { url: good.url } });
    await fire();
    await eventually(
      () => deliveries(g.channelId),
      (d) => d[0]?.status === "delivered",
    );
    expect((await deliveries(h.channelId))[0]?.status).toBe("pending");
    await eventually(
      () => deliveries(l.channelId),
      (d) => d[0]?.status === "delivered",
      20_000,
    );
    const byId = new Map<string, number[]>();
    for (const r of limited.requests) {
      const id = String(r.headers["webhook-id"]);
      byId.set(id, [...(byId.get(id) ?? []), r.at]);
    }
    for (const [first, second] of byId.values()) expect(second! - first!).toBeGreaterThanOrEqual(900);
    for (const c of [l, h, g]) await request(stack.app).delete(`${channels()}/${c.channelId}`).set(admin()).expect(204);
  });

  it("Slack gets Block Kit with severity, title, service, environment, status and a link to the console", async () => {
    const slack = await receiver();
    const channel = await createChannel({
      name: "#incidents",
      type: "slack",
      config: { webhookUrl: slack.url.replace("/hook", "/services/T000/B000/XXXX") },
    });
    const listed = await request(stack.app).get(`${channels()}/${channel.channelId}`).set(admin()).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain("XXXX");
    const fired = await fire({ title: "Checkout latency", service: "checkout", environment: "eu-prod" });
    await eventually(
      async () => slack.requests.length,
      (n) => n >= 1,
    );
    const message = JSON.parse(slack.requests[0]!.body) as {
      text: string;
      blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { url?: string }[] }[];
    };
    expect(message.text).toContain("[CRITICAL] Checkout latency");
    expect(message.blocks[0]).toMatchObject({ type: "header", text: { text: "🔴 CRITICAL · Checkout latency" } });
    const fields = message.blocks[1]!.fields!.map((f) => f.text);
    // The status is the incident's when the message is sent (triage may have moved it already).
    expect(fields).toEqual([
      "*Severity*\nCRITICAL",
      expect.stringMatching(/^\*Status\*\n(open|triaging|investigating)$/),
      "*Service*\ncheckout",
      "*Environment*\neu-prod",
    ]);
    const button = message.blocks.find((b) => b.type === "actions")!.elements![0]!;
    expect(button.url).toBe(`http://causeflow.test/incidents/${fired.body.incidentId}`);
    await request(stack.app).delete(`${channels()}/${channel.channelId}`).set(admin()).expect(204);
  });

  it("email goes through the SMTP server, as plain text and HTML", async () => {
    const channel = await createChannel({ name: "on-call", type: "email", config: { to: ["oncall@example.com"] } });
    await fire({ title: "Database disk full", service: "db" });
    const mail = await eventually(async () => mails.find((m) => m.raw.includes("Database disk full")), Boolean);
    expect(mail!.to).toEqual(["oncall@example.com"]);
    expect(mail!.raw).toMatch(/^Subject: \[CRITICAL\] Database disk full/m);
    expect(mail!.raw).toContain("text/plain");
    expect(mail!.raw).toContain("text/html");
    await eventually(
      () => deliveries(channel.channelId),
      (d) => d[0]?.status === "delivered",
    );
    await request(stack.app).delete(`${channels()}/${channel.channelId}`).set(admin()).expect(204);
  });
});

describe("filters, coalescing, test-send and refusals", () => {
  it("minSeverity and events filter; subscribed duplicates are coalesced to one a minute", async () => {
    const hook = await receiver();
    const channel = await createChannel({
      name: "dups",
      type: "webhook",
      config: { url: hook.url },
      events: ["incident.created", "incident.duplicate"],
      minSeverity: "high",
    });
    await fire({ severity: "low", sourceAlertId: "low-1" });
    const storm = { sourceAlertId: "storm-1" };
    await fire(storm);
    for (let i = 0; i < 5; i += 1) expect((await fire(storm)).status).toBe(409);
    await eventually(
      () => deliveries(channel.channelId),
      (d) => d.length >= 2 && d.every((x) => x.status === "delivered"),
    );
    // Let the relay see every duplicate: it has read past the last one when its cursor reached it.
    const last = await stack.prisma.activityCounter.findUniqueOrThrow({ where: { tenantId: creds.tenantId } });
    await eventually(
      () =>
        stack.prisma.activityCursor.findUnique({
          where: { consumer_tenantId: { consumer: "notifier", tenantId: creds.tenantId } },
        }),
      (c) => (c?.seq ?? 0n) >= last.last,
    );
    const types = (await deliveries(channel.channelId)).map((d) => d.activityType).sort();
    expect(types).toEqual(["incident.created", "incident.duplicate"]);
    expect(hook.requests.every((r) => !r.body.includes('"low-1"'))).toBe(true);
    await request(stack.app).delete(`${channels()}/${channel.channelId}`).set(admin()).expect(204);
  });

  it("test-send makes one real attempt and reports it", async () => {
    const hook = await receiver();
    const channel = await createChannel({ name: "test me", type: "webhook", config: { url: hook.url } });
    const res = conforms("testChannel", await request(stack.app).post(`${channels()}/${channel.channelId}/test`).set(admin()));
    expect(res.body).toEqual({ delivered: true, responseStatus: 200, error: null });
    expect(hook.requests).toHaveLength(1);
    const down = await receiver((_n, r) => r.writeHead(500).end("boom"));
    await request(stack.app)
      .patch(`${channels()}/${channel.channelId}`)
      .set(admin())
      .send({ config: { url: down.url } })
      .expect(200);
    const failed = await request(stack.app).post(`${channels()}/${channel.channelId}/test`).set(admin()).expect(200);
    expect(failed.body).toMatchObject({ delivered: false, responseStatus: 500 });
    await request(stack.app).delete(`${channels()}/${channel.channelId}`).set(admin()).expect(204);
  });

  it("a URL the notifier may not reach is 422 url_not_allowed; a config of the wrong type is refused", async () => {
    const res = await request(stack.app)
      .post(channels())
      .set(admin())
      .send({ name: "metadata", type: "webhook", config: { url: "http://169.254.169.254/latest" } });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe("url_not_allowed");
    const email = await createChannel({ name: "mail", type: "email", config: { to: ["a@example.com"] } });
    const wrong = await request(stack.app)
      .patch(`${channels()}/${email.channelId}`)
      .set(admin())
      .send({ config: { url: "http://127.0.0.1/x" } });
    expect(wrong.status).toBe(422);
    const readOnly = await request(stack.app)
      .get(channels())
      .set("x-api-key", (await stack.tenant(["read"], "ro")).apiKey);
    expect(readOnly.status).toBe(401);
    const audit = await request(stack.app)
      .get("/v1/activity?types=channel.created,channel.updated,channel.deleted&limit=500")
      .set(admin())
      .expect(200);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(10);
  });
});
