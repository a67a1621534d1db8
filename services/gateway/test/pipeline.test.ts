import request from "supertest";
import { dedupKey } from "@causeflow/contracts";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { deleteKeys } from "../../../test/support/test-redis";
import { eventually } from "../../../test/support/eventually";

// The example payload of the CauseFlow Datadog docs (seed page), byte for byte.
const SEED_DATADOG = `{
  "alert_id": "12345678",
  "title": "High error rate on payment-service",
  "text": "Error rate exceeded 5% threshold for 5 minutes.",
  "alert_type": "error",
  "priority": "P1",
  "tags": "env:production,service:payment-service,team:platform"
}`;

let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  stack = await TestStack.start({ label: "pipeline" });
  creds = await stack.tenant();
});
afterAll(() => stack.close());

describe("the seed's Datadog example, end to end", () => {
  let incidentId: string;

  it("creates an incident (201) with the normalized fields", async () => {
    const res = await stack.webhook(creds, "datadog", SEED_DATADOG, { sign: false });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      outcome: "created",
      title: "High error rate on payment-service",
      severity: "critical",
      status: "open",
    });
    expect(res.body.eventId).toMatch(/^evt_/);
    incidentId = res.body.incidentId;
    expect(incidentId).toMatch(/^inc_/);

    const row = await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(row).toMatchObject({
      tenantId: creds.tenantId,
      source: "datadog",
      sourceAlertId: "12345678",
      service: "payment-service",
      environment: "production",
      description: "Error rate exceeded 5% threshold for 5 minutes.",
      duplicateCount: 0,
    });
    expect(row.tags).toEqual({ env: "production", service: "payment-service", team: "platform" });
  });

  it("answers the same alert with 409 and the same incidentId, counting the duplicate", async () => {
    const res = await stack.webhook(creds, "datadog", SEED_DATADOG, { sign: false });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: "alert_already_exists", incidentId });
    expect(typeof res.body.message).toBe("string");
    const row = await stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(row.duplicateCount).toBe(1);
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(row.firstSeenAt.getTime());
  });

  it("is triaged and, being critical, investigated by every agent at once", async () => {
    const row = await eventually(
      () => stack.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } }),
      (r) => r.status === "investigating",
    );
    expect(row.assignedAgents).toEqual(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
  });

  it("keeps every delivery: the incident lists both raw alerts, newest first", async () => {
    const res = await request(stack.app).get(`/v1/incidents/${incidentId}`).set("x-api-key", creds.apiKey).expect(200);
    expect(res.body.alerts).toHaveLength(2);
    expect(res.body.alerts.map((a: { outcome: string }) => a.outcome)).toEqual(["duplicate", "created"]);
    expect(res.body.alerts[1].rawBody).toBe(SEED_DATADOG);
    expect(res.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(
      expect.arrayContaining(["created", "duplicate", "triaged"]),
    );
  });
});

describe("lifecycle: resolve, then re-open", () => {
  const firing = {
    title: "Disk full on db-1",
    description: "95% used",
    sourceAlertId: "disk-db-1",
    severity: "high",
    service: "db",
  };

  it("a resolve that lands while the incident is being investigated is never overwritten", async () => {
    const opened = await stack.webhook(creds, "custom", { ...firing, sourceAlertId: "race-1" });
    await stack.webhook(creds, "custom", { ...firing, sourceAlertId: "race-1", status: "resolved" });
    // The final state: the investigation the critical alert started has finished (or never started).
    const row = await eventually(
      () => stack.incident(opened.body.incidentId),
      (i) => i.status === "resolved" && i.investigations.every((v) => v.status !== "running"),
      30_000,
    );
    expect(row.status).toBe("resolved");
  });

  it("resolves the open incident, ignores a second resolve, and opens a new incident on the next firing", async () => {
    const opened = await stack.webhook(creds, "custom", firing);
    expect(opened.status).toBe(201);

    const resolved = await stack.webhook(creds, "custom", { ...firing, status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ outcome: "resolved", incidentId: opened.body.incidentId, status: "resolved" });
    const row = await stack.prisma.incident.findUniqueOrThrow({ where: { id: opened.body.incidentId } });
    expect(row.status).toBe("resolved");
    expect(row.resolvedAt).toBeInstanceOf(Date);

    const again = await stack.webhook(creds, "custom", { ...firing, status: "resolved" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "ignored", reason: "no_open_incident" });

    const reopened = await stack.webhook(creds, "custom", firing);
    expect(reopened.status).toBe(201);
    expect(reopened.body.incidentId).not.toBe(opened.body.incidentId);
  });
});

describe("concurrent identical alerts", () => {
  const alert = (id: string) => ({ title: "Checkout latency", description: "p99 > 2s", sourceAlertId: id, severity: "medium" });

  async function fire(id: string, n: number) {
    const responses = await Promise.all(Array.from({ length: n }, () => stack.webhook(creds, "custom", alert(id))));
    return responses.map((r) => r.status);
  }

  it("50 at once create exactly one incident and 49 duplicates", async () => {
    const statuses = await fire("storm-1", 50);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const rows = await stack.prisma.incident.findMany({ where: { sourceAlertId: "storm-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.duplicateCount).toBe(49);
  });

  it("still one incident when Redis has lost every dedup key", async () => {
    await deleteKeys(stack.redis, `${stack.prefix}:dedup`);
    expect(await stack.redis.exists(dedupKey(stack.prefix, creds.tenantId, "custom", "storm-1"))).toBe(0);
    const statuses = await fire("storm-1", 50);
    expect(statuses.every((s) => s === 409)).toBe(true);

    // A brand-new key after a flush: Postgres alone decides the race.
    const fresh = await fire("storm-2", 20);
    await deleteKeys(stack.redis, `${stack.prefix}:dedup`);
    const afterFlush = await fire("storm-2", 20);
    expect(fresh.filter((s) => s === 201)).toHaveLength(1);
    expect(afterFlush.every((s) => s === 409)).toBe(true);
    const rows = await stack.prisma.incident.findMany({ where: { sourceAlertId: { in: ["storm-1", "storm-2"] } } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.sourceAlertId === "storm-1")!.duplicateCount).toBe(99);
    expect(rows.find((r) => r.sourceAlertId === "storm-2")!.duplicateCount).toBe(39);
  });
});

describe("GET /v1/events/{eventId}", () => {
  it("reports what became of a delivery", async () => {
    const posted = await stack.webhook(creds, "custom", { title: "Queue backlog", description: "", sourceAlertId: "q-1" });
    expect(posted.status).toBe(201);
    const res = await request(stack.app).get(`/v1/events/${posted.body.eventId}`).set("x-api-key", creds.apiKey).expect(200);
    expect(res.body).toMatchObject({
      eventId: posted.body.eventId,
      provider: "custom",
      status: "processed",
      outcome: "created",
      results: [{ sourceAlertId: "q-1", outcome: "created", incidentId: posted.body.incidentId }],
    });
    expect(new Date(res.body.receivedAt).toISOString()).toBe(res.body.receivedAt);
  });

  it("is 404 for another tenant's event", async () => {
    const posted = await stack.webhook(creds, "custom", { title: "Other", description: "", sourceAlertId: "q-2" });
    const other = await stack.tenant(["ingest", "read"], "other");
    const res = await request(stack.app).get(`/v1/events/${posted.body.eventId}`).set("x-api-key", other.apiKey);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
  });
});
