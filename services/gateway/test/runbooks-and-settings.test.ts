import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

let stack: TestStack;
let creds: TenantCredentials;
beforeAll(async () => {
  stack = await TestStack.start({ label: "runbooks", normalizer: false, triage: false });
  creds = await stack.tenant(["read", "write", "admin"]);
});
afterAll(() => stack.close());

describe("runbooks", () => {
  it("create, read, list, replace and delete, scoped to the key's tenant", async () => {
    const api = () => request(stack.app);
    const created = await api()
      .post("/v1/runbooks")
      .set("x-api-key", creds.apiKey)
      .send({
        title: "Disk full",
        match: { service: "db", titlePattern: "disk|volume", tags: { team: "dba" } },
        steps: ["Rotate logs"],
      })
      .expect(201);
    const id = created.body.runbookId;
    expect(id).toMatch(/^rb_/);
    expect(created.body.match).toEqual({ service: "db", titlePattern: "disk|volume", tags: { team: "dba" } });

    await api().get(`/v1/runbooks/${id}`).set("x-api-key", creds.apiKey).expect(200);
    const replaced = await api()
      .put(`/v1/runbooks/${id}`)
      .set("x-api-key", creds.apiKey)
      .send({ title: "Disk full (v2)", steps: ["Rotate logs", "Grow the volume"] })
      .expect(200);
    expect(replaced.body).toMatchObject({
      title: "Disk full (v2)",
      steps: ["Rotate logs", "Grow the volume"],
      match: { tags: {} },
    });

    const other = await stack.tenant(["read", "write"], "other");
    expect((await api().get(`/v1/runbooks/${id}`).set("x-api-key", other.apiKey)).status).toBe(404);
    expect((await api().get("/v1/runbooks").set("x-api-key", other.apiKey)).body.items).toEqual([]);

    await api().delete(`/v1/runbooks/${id}`).set("x-api-key", creds.apiKey).expect(204);
    expect((await api().get(`/v1/runbooks/${id}`).set("x-api-key", creds.apiKey)).status).toBe(404);
  });

  it("400 for an invalid title pattern or no steps", async () => {
    const bad = await request(stack.app)
      .post("/v1/runbooks")
      .set("x-api-key", creds.apiKey)
      .send({ title: "x", match: { titlePattern: "(unclosed" }, steps: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["match.titlePattern", "steps"]);
  });
});

describe("tenant settings", () => {
  it("start with the defaults and keep what a PUT does not send", async () => {
    const url = `/v1/tenants/${creds.tenantId}/settings`;
    const initial = await request(stack.app).get(url).set("x-api-key", creds.apiKey).expect(200);
    expect(initial.body.triage).toEqual({ rules: [], autoInvestigateFrom: "high" });
    expect(initial.body.metrics.prometheusUrl).toBeUndefined();

    await request(stack.app)
      .put(url)
      .set("x-api-key", creds.apiKey)
      .send({ metrics: { prometheusUrl: "http://prometheus:9090" } })
      .expect(200);
    const updated = await request(stack.app)
      .put(url)
      .set("x-api-key", creds.apiKey)
      .send({ triage: { rules: [{ kind: "environment", environment: "dev", adjust: -2 }] } })
      .expect(200);
    expect(updated.body.metrics.prometheusUrl).toBe("http://prometheus:9090");
    expect(updated.body.triage.rules).toEqual([{ kind: "environment", environment: "dev", adjust: -2 }]);
  });

  it("400 for a rule of an unknown kind or an adjustment out of range", async () => {
    const res = await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/settings`)
      .set("x-api-key", creds.apiKey)
      .send({
        triage: {
          rules: [
            { kind: "moon", adjust: 1 },
            { kind: "service", service: "a", adjust: 9 },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.issues.length).toBeGreaterThanOrEqual(2);
  });

  it("need an admin key of the tenant", async () => {
    const writer = await stack.tenant(["write"], "writer");
    const res = await request(stack.app).get(`/v1/tenants/${writer.tenantId}/settings`).set("x-api-key", writer.apiKey);
    expect(res.status).toBe(403);
  });
});

describe("changes", () => {
  it("400 for a change without a version or with a bad time", async () => {
    const res = await request(stack.app)
      .post("/v1/changes")
      .set("x-api-key", creds.apiKey)
      .send({ service: "api", environment: "prod", occurredAt: "yesterday" });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["occurredAt", "version"]);
  });
});
