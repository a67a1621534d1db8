import request from "supertest";
import { TestStack } from "../../../test/support/test-stack";
import { TEST_ADMIN_TOKEN } from "../../../test/support/test-env";

let stack: TestStack;
beforeAll(async () => {
  stack = await TestStack.start({ label: "mgmt", normalizer: false, triage: false });
});
afterAll(() => stack.close());

describe("tenants", () => {
  it("only the operator creates tenants", async () => {
    const res = await request(stack.app).post("/v1/tenants").set(stack.admin()).send({ name: "Acme" }).expect(201);
    expect(res.body).toEqual({ tenantId: expect.stringMatching(/^ten_/), name: "Acme", createdAt: expect.any(String) });
    const anon = await request(stack.app).post("/v1/tenants").send({ name: "x" });
    expect(anon.status).toBe(401);
    const wrong = await request(stack.app).post("/v1/tenants").set("authorization", "Bearer not-the-token").send({ name: "x" });
    expect(wrong.status).toBe(401);
  });

  it("400 invalid_request with issues for a bad body", async () => {
    const res = await request(stack.app).post("/v1/tenants").set(stack.admin()).send({ name: "" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request", issues: [{ path: "name" }] });
  });

  it("a tenant's admin key reads its own tenant, not another's", async () => {
    const admin = await stack.tenant(["admin"], "with-admin");
    const other = await stack.tenant(["ingest"], "other");
    await request(stack.app).get(`/v1/tenants/${admin.tenantId}`).set("x-api-key", admin.apiKey).expect(200);
    const res = await request(stack.app).get(`/v1/tenants/${other.tenantId}`).set("x-api-key", admin.apiKey);
    expect(res.status).toBe(401);
  });
});

describe("API keys", () => {
  it("shows the key and webhook secret once, stores only a hash and ciphertext", async () => {
    const creds = await stack.tenant(["ingest", "read"], "keys");
    const row = await stack.prisma.apiKey.findUniqueOrThrow({ where: { id: creds.keyId } });
    expect(creds.apiKey).toMatch(/^cflo_/);
    expect(row.keyHash).not.toContain(creds.apiKey);
    expect(row.webhookSecretEnc).not.toContain(creds.webhookSecret);
    expect(row.scopes).toEqual(["ingest", "read"]);

    const list = await request(stack.app).get(`/v1/tenants/${creds.tenantId}/api-keys`).set(stack.admin()).expect(200);
    expect(list.body.items).toEqual([
      {
        keyId: creds.keyId,
        name: "test key",
        prefix: creds.apiKey.slice(0, 13),
        scopes: ["ingest", "read"],
        status: "active",
        createdAt: expect.any(String),
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(creds.apiKey);
    expect(JSON.stringify(list.body)).not.toContain(creds.webhookSecret);
  });

  it("defaults scopes to ingest and rejects unknown scopes", async () => {
    const t = await request(stack.app).post("/v1/tenants").set(stack.admin()).send({ name: "scopes" }).expect(201);
    const key = await request(stack.app)
      .post(`/v1/tenants/${t.body.tenantId}/api-keys`)
      .set(stack.admin())
      .send({ name: "k" })
      .expect(201);
    expect(key.body.scopes).toEqual(["ingest"]);
    const bad = await request(stack.app)
      .post(`/v1/tenants/${t.body.tenantId}/api-keys`)
      .set(stack.admin())
      .send({ name: "k", scopes: ["root"] });
    expect(bad.status).toBe(400);
  });

  it("revoking answers 204, then 409 when already revoked", async () => {
    const creds = await stack.tenant(["ingest"], "revoke");
    const url = `/v1/tenants/${creds.tenantId}/api-keys/${creds.keyId}`;
    await request(stack.app).delete(url).set(stack.admin()).expect(204);
    const again = await request(stack.app).delete(url).set(stack.admin());
    expect(again.status).toBe(409);
    const list = await request(stack.app).get(`/v1/tenants/${creds.tenantId}/api-keys`).set(stack.admin()).expect(200);
    expect(list.body.items[0].status).toBe("revoked");
  });
});

describe("integrations", () => {
  it("lists every supported provider with defaults and its webhook URL", async () => {
    const creds = await stack.tenant(["admin"], "integrations");
    const res = await request(stack.app)
      .get(`/v1/tenants/${creds.tenantId}/integrations`)
      .set("x-api-key", creds.apiKey)
      .expect(200);
    const datadog = res.body.items.find((i: { provider: string }) => i.provider === "datadog");
    expect(datadog).toMatchObject({
      enabled: true,
      requireSignature: false,
      hasSigningSecret: false,
      webhookUrl: `http://causeflow.test/v1/webhooks/${creds.tenantId}/datadog`,
    });
  });

  it("stores signing secrets encrypted and never echoes them", async () => {
    const creds = await stack.tenant(["admin"], "secrets");
    const res = await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/datadog`)
      .set(stack.admin())
      .send({ signingSecrets: ["super-secret-value-1"], signatureToleranceSeconds: 60 })
      .expect(200);
    expect(res.body).toMatchObject({ provider: "datadog", hasSigningSecret: true, signatureToleranceSeconds: 60 });
    expect(JSON.stringify(res.body)).not.toContain("super-secret-value-1");
    const row = await stack.prisma.integration.findFirstOrThrow({ where: { tenantId: creds.tenantId } });
    expect(row.signingSecretsEnc).toHaveLength(1);
    expect(row.signingSecretsEnc[0]).not.toContain("super-secret-value-1");
  });

  it("404 unknown_provider and 400 for unknown fields", async () => {
    const creds = await stack.tenant(["admin"], "bad-integration");
    const unknown = await request(stack.app).put(`/v1/tenants/${creds.tenantId}/integrations/nagios`).set(stack.admin()).send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("unknown_provider");
    const bad = await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/datadog`)
      .set(stack.admin())
      .send({ enabled: "yes" });
    expect(bad.status).toBe(400);
  });
});

describe("Bull Board", () => {
  it("asks browsers for Basic auth, and accepts the operator token as Bearer or Basic password", async () => {
    const anon = await request(stack.app).get("/admin/queues");
    expect(anon.status).toBe(401);
    expect(anon.headers["www-authenticate"]).toMatch(/^Basic/);
    const bearer = await request(stack.app).get("/admin/queues").set(stack.admin());
    expect(bearer.status).toBe(200);
    expect(bearer.text).toContain("<html");
    const basic = await request(stack.app).get("/admin/queues").auth("anyone", TEST_ADMIN_TOKEN);
    expect(basic.status).toBe(200);
    const api = await request(stack.app).get("/admin/queues/api/queues").set(stack.admin()).expect(200);
    const names = api.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(["raw-alerts", "triage"]));
  });
});

describe("unknown routes", () => {
  it("404 not_found in the error shape", async () => {
    const res = await request(stack.app).get("/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: expect.any(String) });
  });
});
