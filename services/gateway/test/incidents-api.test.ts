import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { eventually } from "../../../test/support/eventually";

let stack: TestStack;
let creds: TenantCredentials;
const get = (url: string) => request(stack.app).get(url).set("x-api-key", creds.apiKey);

beforeAll(async () => {
  stack = await TestStack.start({ label: "incidents" });
  creds = await stack.tenant(["ingest", "read", "write"]);
  const alerts = [
    { sourceAlertId: "a1", title: "CPU high", severity: "critical", service: "api" },
    { sourceAlertId: "a2", title: "Memory high", severity: "low", service: "api" },
    { sourceAlertId: "a3", title: "Disk high", severity: "low", service: "db" },
    { sourceAlertId: "a4", title: "Cert expiring", severity: "info", service: "edge" },
    { sourceAlertId: "a5", title: "Queue slow", severity: "medium", service: "worker" },
  ];
  for (const a of alerts) expect((await stack.webhook(creds, "custom", { ...a, description: "" })).status).toBe(201);
});
afterAll(() => stack.close());

/** A new incident of a custom alert, once triage has moved it to triaging; its id. */
async function triagingIncident(alert: { sourceAlertId: string; title: string; severity: string }): Promise<string> {
  const created = await stack.webhook(creds, "custom", { ...alert, description: "" });
  const id = created.body.incidentId as string;
  await eventually(
    () => get(`/v1/incidents/${id}`),
    (r) => r.body.status === "triaging",
  );
  return id;
}

describe("GET /v1/incidents", () => {
  it("filters by severity, service and source", async () => {
    const low = await get("/v1/incidents?severity=low").expect(200);
    expect(low.body.items.map((i: { sourceAlertId: string }) => i.sourceAlertId).sort()).toEqual(["a2", "a3"]);
    const api = await get("/v1/incidents?service=api&source=custom").expect(200);
    expect(api.body.items).toHaveLength(2);
    const none = await get("/v1/incidents?source=datadog").expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it("pages with an opaque cursor, newest first by default, oldest first with order=asc", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await get(`/v1/incidents?limit=2${cursor ? `&cursor=${cursor}` : ""}`).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { sourceAlertId: string }) => i.sourceAlertId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["a5", "a4", "a3", "a2", "a1"]);
    const asc = await get("/v1/incidents?order=asc&limit=100").expect(200);
    expect(asc.body.items.map((i: { sourceAlertId: string }) => i.sourceAlertId)).toEqual(["a1", "a2", "a3", "a4", "a5"]);
  });

  it("400 for a limit above 100, an unknown status or a forged cursor", async () => {
    expect((await get("/v1/incidents?limit=101")).status).toBe(400);
    expect((await get("/v1/incidents?status=sleeping")).status).toBe(400);
    expect((await get("/v1/incidents?cursor=garbage")).body.error).toBe("invalid_request");
  });

  it("shows only the key's tenant; the operator picks one with X-Tenant-Id", async () => {
    const other = await stack.tenant(["read"], "other");
    const res = await request(stack.app).get("/v1/incidents").set("x-api-key", other.apiKey).expect(200);
    expect(res.body.items).toEqual([]);
    const op = await request(stack.app).get("/v1/incidents").set(stack.admin()).set("x-tenant-id", creds.tenantId).expect(200);
    expect(op.body.items).toHaveLength(5);
    const noTenant = await request(stack.app).get("/v1/incidents").set(stack.admin());
    expect(noTenant.status).toBe(400);
  });

  it("403 for a key without the read scope", async () => {
    const ingestOnly = await stack.tenant(["ingest"], "ingest-only");
    const res = await request(stack.app).get("/v1/incidents").set("x-api-key", ingestOnly.apiKey);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("insufficient_scope");
  });
});

describe("GET /v1/incidents/{id}", () => {
  it("has the full incident shape, its alerts and timeline; 404 for an unknown id", async () => {
    const list = await get("/v1/incidents?service=edge").expect(200);
    const id = list.body.items[0].incidentId;
    const res = await get(`/v1/incidents/${id}`).expect(200);
    for (const field of [
      "incidentId",
      "tenantId",
      "title",
      "description",
      "severity",
      "status",
      "source",
      "sourceAlertId",
      "service",
      "environment",
      "tags",
      "url",
      "occurredAt",
      "firstSeenAt",
      "lastSeenAt",
      "duplicateCount",
      "resolvedAt",
      "assignedAgents",
      "createdAt",
      "updatedAt",
      "alerts",
      "timeline",
    ]) {
      expect(res.body).toHaveProperty(field);
    }
    expect(res.body.alerts).toHaveLength(1);
    expect(res.body.timeline[0]).toMatchObject({ kind: "created" });
    expect((await get("/v1/incidents/inc_nope")).status).toBe(404);
  });

  it("after a storm of duplicates, the timeline shows how it began and where it stands now", async () => {
    const id = await triagingIncident({ sourceAlertId: "flood", title: "Flood", severity: "low" });
    // 1,200 duplicates' entries, as the normalizer writes them (numbered from the tenant's counter).
    await stack.prisma.$executeRawUnsafe(
      `WITH c AS (UPDATE "ActivityCounter" SET "last" = "last" + 1200 WHERE "tenantId" = $1 RETURNING "last")
       INSERT INTO "Activity" ("tenantId", "seq", "type", "incidentId", "actorKind", "actorId", "message", "data", "occurredAt")
       SELECT $1, c."last" - 1200 + g, 'incident.duplicate', $2, 'provider', 'custom', 'Duplicate alert received', '{}'::jsonb, now()
       FROM c, generate_series(1, 1200) g`,
      creds.tenantId,
      id,
    );
    await request(stack.app).patch(`/v1/incidents/${id}`).set("x-api-key", creds.apiKey).send({ status: "resolved" }).expect(200);
    const { timeline } = (await get(`/v1/incidents/${id}`).expect(200)).body as {
      timeline: { activityId: number; type: string }[];
    };
    expect(timeline).toHaveLength(1000);
    expect(timeline.slice(0, 2).map((t) => t.type)).toEqual(["incident.created", "incident.triaged"]);
    expect(timeline.at(-1)!.type).toBe("incident.resolved");
    const ids = timeline.map((t) => t.activityId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(1000);
  });
});

describe("PATCH /v1/incidents/{id}", () => {
  it("moves along the lifecycle, allows resolve from anywhere, refuses other jumps with 409", async () => {
    const id = await triagingIncident({ sourceAlertId: "p1", title: "Patch me", severity: "info" });
    const patch = (status: string) =>
      request(stack.app).patch(`/v1/incidents/${id}`).set("x-api-key", creds.apiKey).send({ status });

    const jump = await patch("remediating");
    expect(jump.status).toBe(409);
    expect(jump.body).toMatchObject({ error: "invalid_transition", from: "triaging", to: "remediating" });
    expect((await patch("investigating")).body.status).toBe("investigating");
    const resolved = await patch("resolved");
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect((await patch("closed")).body.status).toBe("closed");
    expect((await patch("open")).status).toBe(409);

    // Closed: the same alert now opens a new incident.
    const again = await stack.webhook(creds, "custom", {
      sourceAlertId: "p1",
      title: "Patch me",
      description: "",
      severity: "info",
    });
    expect(again.status).toBe(201);
    expect(again.body.incidentId).not.toBe(id);
  });

  it("needs the write scope", async () => {
    const reader = await stack.tenant(["read"], "reader");
    const res = await request(stack.app).patch("/v1/incidents/inc_x").set("x-api-key", reader.apiKey).send({ status: "closed" });
    expect(res.status).toBe(403);
  });
});

describe("POST /v1/incidents", () => {
  it("creates a manual incident that is triaged like any other", async () => {
    const res = await request(stack.app)
      .post("/v1/incidents")
      .set("x-api-key", creds.apiKey)
      .send({ title: "Customer reports login failures", description: "Via support", severity: "high", service: "auth" })
      .expect(201);
    expect(res.body).toMatchObject({ source: "manual", status: "open", severity: "high", service: "auth" });
    // The final state (never the in-between "triaging"): its investigation finished, with nothing to propose.
    const detail = await eventually(
      () => get(`/v1/incidents/${res.body.incidentId}`),
      (r) => r.body.investigation?.status === "completed",
      30_000,
    );
    expect(detail.body.status).toBe("investigating");
    expect(detail.body.assignedAgents).toHaveLength(4);
  });

  it("400 without a valid severity", async () => {
    const res = await request(stack.app)
      .post("/v1/incidents")
      .set("x-api-key", creds.apiKey)
      .send({ title: "x", description: "", severity: "huge" });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe("severity");
  });
});
