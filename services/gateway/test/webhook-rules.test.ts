import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { signBody } from "../src/auth/webhook-signature";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

let stack: TestStack;
let creds: TenantCredentials;
const alert = { title: "API 5xx", description: "5xx ratio 12%", sourceAlertId: "api-5xx", severity: "high" };

beforeAll(async () => {
  stack = await TestStack.start({ label: "rules", config: { maxBodyBytes: 4096 } });
  creds = await stack.tenant();
});
afterAll(() => stack.close());

const countEvents = () => stack.prisma.alertEvent.count();
const countIncidents = () => stack.prisma.incident.count();

function post(path: string) {
  return request(stack.app).post(path).set("content-type", "application/json");
}

describe("routing and body rules", () => {
  it("404 unknown_provider for a slug CauseFlow does not know", async () => {
    const res = await post(`/v1/webhooks/${creds.tenantId}/nagios`).set("x-api-key", creds.apiKey).send("{}");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "unknown_provider", message: expect.stringContaining("nagios") });
  });

  it("415 for a body that is neither JSON nor text/plain", async () => {
    const res = await request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/datadog`)
      .set("x-api-key", creds.apiKey)
      .set("content-type", "application/x-www-form-urlencoded")
      .send("a=b");
    expect(res.status).toBe(415);
    expect(res.body.error).toBe("unsupported_media_type");
  });

  it("413 payload_too_large above WEBHOOK_MAX_BODY_BYTES", async () => {
    const big = JSON.stringify({ ...alert, description: "x".repeat(5000) });
    const res = await stack.webhook(creds, "custom", big);
    expect(res.status).toBe(413);
    expect(res.body.error).toBe("payload_too_large");
  });

  it("400 invalid_json for a body that is not JSON, after authentication", async () => {
    const res = await stack.webhook(creds, "custom", "{not json");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_json");
  });

  it("accepts text/plain carrying JSON", async () => {
    const body = JSON.stringify({ ...alert, sourceAlertId: "plain-1" });
    const res = await stack.webhook(creds, "custom", body, { headers: { "content-type": "text/plain; charset=UTF-8" } });
    expect(res.status).toBe(201);
  });

  it("422 invalid_payload with the path of what was wrong", async () => {
    const before = await countIncidents();
    const res = await stack.webhook(creds, "custom", { description: "no title", severity: "apocalyptic" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: "invalid_payload", eventId: expect.stringMatching(/^evt_/) });
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["title", "severity"]));
    expect(await countIncidents()).toBe(before);
    // The rejected delivery is still recorded, as failed.
    const event = await stack.prisma.alertEvent.findUniqueOrThrow({ where: { id: res.body.eventId } });
    expect(event.status).toBe("failed");
  });
});

describe("API key", () => {
  const cases: [string, (r: request.Test) => request.Test][] = [
    ["missing", (r) => r],
    ["unknown", (r) => r.set("x-api-key", "cflo_doesnotexist")],
  ];
  it.each(cases)("401 invalid_api_key when the key is %s", async (_name, withKey) => {
    const body = JSON.stringify(alert);
    const res = await withKey(post(`/v1/webhooks/${creds.tenantId}/datadog`)).send(body);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_api_key");
  });

  it("401 for a key of tenant A on tenant B's URL, with the same answer as an unknown tenant", async () => {
    const other = await stack.tenant(["ingest"], "other");
    const res = await post(`/v1/webhooks/${other.tenantId}/datadog`).set("x-api-key", creds.apiKey).send("{}");
    const unknownTenant = await post(`/v1/webhooks/ten_nope/datadog`).set("x-api-key", creds.apiKey).send("{}");
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unknownTenant.body);
  });

  it("401 for a key without the ingest scope", async () => {
    const reader = await stack.tenant(["read"], "reader");
    const res = await stack.webhook(reader, "datadog", alert, { sign: false });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_api_key");
  });

  it("accepts Bearer, Basic (any user) and ?apiKey= forms", async () => {
    const body = (id: string) => JSON.stringify({ alert_id: id, title: "Form test", alert_type: "warning" });
    const bearer = await post(`/v1/webhooks/${creds.tenantId}/datadog`)
      .set("authorization", `Bearer ${creds.apiKey}`)
      .send(body("f1"));
    const basic = await post(`/v1/webhooks/${creds.tenantId}/datadog`)
      .set("authorization", `Basic ${Buffer.from(`api_key:${creds.apiKey}`).toString("base64")}`)
      .send(body("f2"));
    const query = await post(`/v1/webhooks/${creds.tenantId}/datadog?apiKey=${encodeURIComponent(creds.apiKey)}`).send(
      body("f3"),
    );
    expect([bearer.status, basic.status, query.status]).toEqual([201, 201, 201]);
  });

  it("a revoked key is refused within a second", async () => {
    const extra = await request(stack.app)
      .post(`/v1/tenants/${creds.tenantId}/api-keys`)
      .set(stack.admin())
      .send({ name: "to revoke" })
      .expect(201);
    const key = { ...creds, apiKey: extra.body.apiKey, webhookSecret: extra.body.webhookSecret };
    expect((await stack.webhook(key, "custom", { ...alert, sourceAlertId: "rev-1" })).status).toBe(201);
    await request(stack.app).delete(`/v1/tenants/${creds.tenantId}/api-keys/${extra.body.keyId}`).set(stack.admin()).expect(204);
    // Refused once the key cache (1 s) expires; polled, so a busy machine cannot make it flaky.
    const res = await eventually(
      () => stack.webhook(key, "custom", { ...alert, sourceAlertId: "rev-2" }),
      (r) => r.status === 401,
      5_000,
    );
    expect(res.body.error).toBe("invalid_api_key");
  });
});

describe("signature", () => {
  it("401 invalid_signature when custom has no signature", async () => {
    const res = await stack.webhook(creds, "custom", alert, { sign: false });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_signature");
  });

  it("a tampered body is refused and nothing is stored", async () => {
    const events = await countEvents();
    const incidents = await countIncidents();
    const signed = JSON.stringify({ ...alert, sourceAlertId: "tamper" });
    const tampered = signed.replace('"high"', '"low"');
    const res = await request(stack.app)
      .post(`/v1/webhooks/${creds.tenantId}/custom`)
      .set("content-type", "application/json")
      .set("x-api-key", creds.apiKey)
      .set("x-webhook-signature", signBody(creds.webhookSecret, signed))
      .send(tampered);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_signature");
    expect(await countEvents()).toBe(events);
    expect(await countIncidents()).toBe(incidents);
    expect(await stack.rawAlertsQueue.count()).toBe(0);
  });

  it("accepts bare hex as well as sha256=<hex>", async () => {
    const body = JSON.stringify({ ...alert, sourceAlertId: "bare-hex" });
    const res = await stack.webhook(creds, "custom", body, {
      sign: false,
      headers: { "x-webhook-signature": signBody(creds.webhookSecret, body).slice("sha256=".length) },
    });
    expect(res.status).toBe(201);
  });

  it("datadog needs no signature, unless the integration requires one", async () => {
    const body = { alert_id: "sig-dd", title: "Signature policy", alert_type: "error" };
    expect((await stack.webhook(creds, "datadog", body, { sign: false })).status).toBe(201);
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/datadog`)
      .set(stack.admin())
      .send({ requireSignature: true })
      .expect(200);
    const unsigned = await stack.webhook(creds, "datadog", { ...body, alert_id: "sig-dd-2" }, { sign: false });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error).toBe("invalid_signature");
    expect((await stack.webhook(creds, "datadog", { ...body, alert_id: "sig-dd-3" })).status).toBe(201);
  });

  it("403 integration_disabled for a disabled provider", async () => {
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/custom`)
      .set(stack.admin())
      .send({ enabled: false })
      .expect(200);
    const res = await stack.webhook(creds, "custom", { ...alert, sourceAlertId: "disabled" });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("integration_disabled");
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/custom`)
      .set(stack.admin())
      .send({ enabled: true })
      .expect(200);
  });
});
