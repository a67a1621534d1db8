import request from "supertest";
import { conforms } from "../../../test/support/contract";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

let stack: TestStack;
let creds: TenantCredentials;
const key = () => ({ "x-api-key": creds.apiKey });
const api = () => request(stack.app);
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

const amGroup = (fingerprint: string, status = "firing") => ({
  version: "4",
  status,
  receiver: "causeflow",
  groupLabels: { alertname: "DiskFull" },
  alerts: [
    {
      status,
      labels: { alertname: "DiskFull", severity: "warning", service: "db" },
      annotations: { summary: "disk full" },
      startsAt: new Date().toISOString(),
      endsAt: status === "resolved" ? new Date().toISOString() : "0001-01-01T00:00:00Z",
      fingerprint,
    },
  ],
});

beforeAll(async () => {
  stack = await TestStack.start({ label: "noise" });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
});
afterAll(() => stack.close());

describe("answers senders accept (duplicateStatus, verdict wait)", () => {
  it("Alertmanager and Grafana duplicates are 200 outcome duplicate; other providers 409", async () => {
    const first = await stack.webhook(creds, "alertmanager", amGroup("fp-dup"), { sign: false });
    expect(first.status).toBe(201);
    const again = conforms("postWebhook", await stack.webhook(creds, "alertmanager", amGroup("fp-dup"), { sign: false }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      outcome: "duplicate",
      incidentId: first.body.incidentId,
      title: "DiskFull",
      severity: "medium",
    });
    const custom = { title: "C", description: "", sourceAlertId: "c-dup" };
    await stack.webhook(creds, "custom", custom).expect(201);
    expect((await stack.webhook(creds, "custom", custom)).status).toBe(409);
  });

  it("an integration's duplicateStatus and verdictTimeoutMs override the defaults, and are listed", async () => {
    const list = await api().get(`/v1/tenants/${creds.tenantId}/integrations`).set(key()).expect(200);
    const byProvider = Object.fromEntries(list.body.items.map((i: { provider: string }) => [i.provider, i]));
    expect(byProvider.alertmanager).toMatchObject({ duplicateStatus: 200 });
    expect(byProvider.custom).toMatchObject({ duplicateStatus: 409, verdictTimeoutMs: 5000 });
    expect(byProvider.sentry).toMatchObject({ duplicateStatus: 409, verdictTimeoutMs: 800 });

    await api().put(`/v1/tenants/${creds.tenantId}/integrations/custom`).set(key()).send({ duplicateStatus: 200 }).expect(200);
    const custom = { title: "C2", description: "", sourceAlertId: "c-dup-200" };
    await eventually(
      () => stack.webhook(creds, "custom", custom),
      (r) => r.status === 201 || r.status === 200,
    );
    expect(
      await eventually(
        () => stack.webhook(creds, "custom", custom),
        (r) => r.status === 200,
      ),
    ).toMatchObject({
      body: { outcome: "duplicate" },
    });
    await api()
      .put(`/v1/tenants/${creds.tenantId}/integrations/custom`)
      .set(key())
      .send({ verdictTimeoutMs: 0, duplicateStatus: null })
      .expect(200);
    const queued = await eventually(
      () => stack.webhook(creds, "custom", { title: "Q", description: "", sourceAlertId: `q-${Date.now()}` }),
      (r) => r.status === 202,
    );
    expect(queued.body).toEqual({ eventId: expect.any(String), status: "queued" });
    await api().put(`/v1/tenants/${creds.tenantId}/integrations/custom`).set(key()).send({ verdictTimeoutMs: null }).expect(200);
    const bad = await api().put(`/v1/tenants/${creds.tenantId}/integrations/custom`).set(key()).send({ duplicateStatus: 418 });
    expect(bad.status).toBe(400);
  });
});

describe("silences", () => {
  const silence = (body: object) => api().post(`/v1/tenants/${creds.tenantId}/silences`).set(key()).send(body);
  const alert = (id: string, extra: object = {}) => ({
    title: "Disk full on db-1",
    description: "",
    sourceAlertId: id,
    service: "checkout",
    ...extra,
  });

  it("a matching firing alert opens no incident: 200 silenced, recorded on its delivery and as alert.silenced", async () => {
    const created = conforms(
      "createSilence",
      await silence({
        matchers: [
          { field: "service", op: "=", value: "checkout" },
          { field: "title", op: "=~", value: "Disk.*" },
          { field: "tag:team", op: "!=", value: "payments" },
        ],
        endsAt: inAnHour(),
        comment: "planned disk migration",
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "active", createdBy: { kind: "key", id: creds.keyId } });

    const res = conforms("postWebhook", await stack.webhook(creds, "custom", alert("s-1")));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ eventId: expect.any(String), outcome: "silenced", silenceId: created.body.silenceId });
    expect(await stack.prisma.incident.count({ where: { sourceAlertId: "s-1" } })).toBe(0);
    const event = await api().get(`/v1/events/${res.body.eventId}`).set(key()).expect(200);
    expect(event.body).toMatchObject({ status: "processed", outcome: "silenced" });
    expect(event.body.results[0]).toMatchObject({ outcome: "silenced", silenceId: created.body.silenceId });
    const activity = await api().get("/v1/activity?types=alert.silenced").set(key()).expect(200);
    expect(activity.body.items.at(-1)).toMatchObject({ data: { silenceId: created.body.silenceId, sourceAlertId: "s-1" } });

    // Not matching every matcher: opens an incident.
    expect((await stack.webhook(creds, "custom", alert("s-2", { service: "search" }))).status).toBe(201);
    expect((await stack.webhook(creds, "custom", alert("s-3", { tags: { team: "payments" } }))).status).toBe(201);
    // A resolve is never silenced; a duplicate of an open incident neither.
    expect((await stack.webhook(creds, "custom", alert("s-2", { service: "search", status: "resolved" }))).body.outcome).toBe(
      "resolved",
    );
    expect((await stack.webhook(creds, "custom", alert("s-3", { tags: { team: "payments" } }))).status).toBe(409);

    // Expiring it takes effect at once.
    const expired = conforms(
      "expireSilence",
      await api().delete(`/v1/tenants/${creds.tenantId}/silences/${created.body.silenceId}`).set(key()),
    );
    expect(expired.body.state).toBe("expired");
    expect((await stack.webhook(creds, "custom", alert("s-1"))).status).toBe(201);
  });

  it("a maintenance window (future start) is pending, silences nothing yet, and lists by state", async () => {
    const window = await silence({
      matchers: [{ field: "severity", op: "=~", value: "low|info" }],
      startsAt: new Date(Date.now() + 600_000).toISOString(),
      endsAt: inAnHour(),
      comment: "Sunday maintenance",
    }).expect(201);
    expect(window.body.state).toBe("pending");
    expect((await stack.webhook(creds, "custom", alert("m-1", { severity: "low", service: "x" }))).status).toBe(201);
    const pending = conforms("listSilences", await api().get(`/v1/tenants/${creds.tenantId}/silences?state=pending`).set(key()));
    expect(pending.body.items.map((s: { silenceId: string }) => s.silenceId)).toEqual([window.body.silenceId]);
    const expired = await api().get(`/v1/tenants/${creds.tenantId}/silences?state=expired`).set(key()).expect(200);
    expect(expired.body.items.every((s: { state: string }) => s.state === "expired")).toBe(true);
  });

  it("refuses patterns RE2 cannot run (422), bad fields and an end before the start (400)", async () => {
    const backref = await silence({
      matchers: [{ field: "title", op: "=~", value: "(a)\\1" }],
      endsAt: inAnHour(),
      comment: "x",
    });
    expect(backref.status).toBe(422);
    expect(backref.body.error).toBe("invalid_pattern");
    expect(
      (await silence({ matchers: [{ field: "colour", op: "=", value: "x" }], endsAt: inAnHour(), comment: "x" })).status,
    ).toBe(400);
    expect(
      (await silence({ matchers: [{ field: "title", op: "=", value: "x" }], endsAt: new Date(0).toISOString(), comment: "x" }))
        .status,
    ).toBe(400);
    const readOnly = await stack.tenant(["read"], "ro");
    const refused = await api()
      .post(`/v1/tenants/${readOnly.tenantId}/silences`)
      .set("x-api-key", readOnly.apiKey)
      .send({ matchers: [{ field: "title", op: "=", value: "x" }], endsAt: inAnHour(), comment: "x" });
    expect(refused.status).toBe(403);
  });
});

describe("flapping: reopenWindowSeconds", () => {
  it("a re-fire soon after its source resolved it reopens the same incident, without a new investigation", async () => {
    await api().put(`/v1/tenants/${creds.tenantId}/settings`).set(key()).send({ reopenWindowSeconds: 300 }).expect(200);
    const flap = { title: "Flapping check", description: "", sourceAlertId: "flap-1", severity: "critical" };
    const opened = await stack.webhook(creds, "custom", flap).expect(201);
    await eventually(
      () => stack.incident(opened.body.incidentId),
      (i) => i.investigations.some((v) => v.status !== "running"),
      30_000,
    );
    await stack.webhook(creds, "custom", { ...flap, status: "resolved" }).expect(200);
    const reopened = conforms("postWebhook", await stack.webhook(creds, "custom", flap));
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ outcome: "reopened", incidentId: opened.body.incidentId, status: "open" });
    const incident = await stack.incident(opened.body.incidentId);
    expect(incident).toMatchObject({ status: "open", reopenCount: 1, resolvedAt: null });
    expect(incident.investigations).toHaveLength(1);
    expect(incident.timeline.at(-1)).toMatchObject({ kind: "reopened", actor: { kind: "provider", id: "custom" } });
    expect(await stack.prisma.incident.count({ where: { sourceAlertId: "flap-1" } })).toBe(1);
    // Still open: a further firing is a duplicate.
    expect((await stack.webhook(creds, "custom", flap)).status).toBe(409);
  });

  it("a person's resolve, or a window of 0, opens a new incident", async () => {
    const flap = { title: "Manual", description: "", sourceAlertId: "flap-2", severity: "low" };
    const opened = await stack.webhook(creds, "custom", flap).expect(201);
    await api().patch(`/v1/incidents/${opened.body.incidentId}`).set(key()).send({ status: "resolved" }).expect(200);
    const next = await stack.webhook(creds, "custom", flap);
    expect(next.status).toBe(201);
    expect(next.body.incidentId).not.toBe(opened.body.incidentId);

    await api().put(`/v1/tenants/${creds.tenantId}/settings`).set(key()).send({ reopenWindowSeconds: 0 }).expect(200);
    const off = { title: "Off", description: "", sourceAlertId: "flap-3", severity: "low" };
    const a = await stack.webhook(creds, "custom", off).expect(201);
    await stack.webhook(creds, "custom", { ...off, status: "resolved" }).expect(200);
    const b = await stack.webhook(creds, "custom", off).expect(201);
    expect(b.body.incidentId).not.toBe(a.body.incidentId);
  });
});

describe("acknowledge and assign", () => {
  it("record who acknowledged and who is assigned, once", async () => {
    const opened = await stack
      .webhook(creds, "custom", { title: "Ack", description: "", sourceAlertId: "ack-1", severity: "low" })
      .expect(201);
    const id = opened.body.incidentId;
    const ack = conforms("acknowledgeIncident", await api().post(`/v1/incidents/${id}/acknowledge`).set(key()));
    expect(ack.body).toMatchObject({ acknowledgedBy: { kind: "key", id: creds.keyId } });
    const again = await api()
      .post(`/v1/incidents/${id}/acknowledge`)
      .set(stack.admin())
      .set("x-tenant-id", creds.tenantId)
      .expect(200);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
    expect(again.body.acknowledgedBy).toEqual({ kind: "key", id: creds.keyId });
    const assigned = conforms(
      "updateIncident",
      await api().patch(`/v1/incidents/${id}`).set(key()).send({ assignee: "ana@example.com" }),
    );
    expect(assigned.body.assignee).toBe("ana@example.com");
    const types = (await stack.incident(id)).timeline.map((t) => [t.type, t.actor.kind]);
    expect(types).toEqual(
      expect.arrayContaining([
        ["incident.acknowledged", "key"],
        ["incident.assigned", "key"],
      ]),
    );
    expect(types.filter(([t]) => t === "incident.acknowledged")).toHaveLength(1);
  });
});
