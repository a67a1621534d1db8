import request from "supertest";
import { conforms } from "../../../test/support/contract";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/** Real responses of every JSON operation, checked against the contract's (strict) schemas. */
let stack: TestStack;
let creds: TenantCredentials;
const key = () => ({ "x-api-key": creds.apiKey });
const api = () => request(stack.app);

beforeAll(async () => {
  stack = await TestStack.start({ label: "contract" });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
});
afterAll(() => stack.close());

it("management: tenants, keys, integrations, settings", async () => {
  const tenant = conforms("createTenant", await api().post("/v1/tenants").set(stack.admin()).send({ name: "c" }));
  expect(tenant.status).toBe(201);
  conforms("createTenant", await api().post("/v1/tenants").set(stack.admin()).send({}));
  conforms("getTenant", await api().get(`/v1/tenants/${creds.tenantId}`).set(key()));
  const created = conforms(
    "createApiKey",
    await api().post(`/v1/tenants/${creds.tenantId}/api-keys`).set(key()).send({ name: "k" }),
  );
  conforms("listApiKeys", await api().get(`/v1/tenants/${creds.tenantId}/api-keys`).set(key()));
  conforms("revokeApiKey", await api().delete(`/v1/tenants/${creds.tenantId}/api-keys/${created.body.keyId}`).set(key()));
  conforms("revokeApiKey", await api().delete(`/v1/tenants/${creds.tenantId}/api-keys/${created.body.keyId}`).set(key()));
  conforms("listIntegrations", await api().get(`/v1/tenants/${creds.tenantId}/integrations`).set(key()));
  conforms(
    "updateIntegration",
    await api().put(`/v1/tenants/${creds.tenantId}/integrations/sentry`).set(key()).send({ enabled: true }),
  );
  conforms("updateIntegration", await api().put(`/v1/tenants/${creds.tenantId}/integrations/nope`).set(key()).send({}));
  conforms("getTenantSettings", await api().get(`/v1/tenants/${creds.tenantId}/settings`).set(key()));
  conforms(
    "updateTenantSettings",
    await api()
      .put(`/v1/tenants/${creds.tenantId}/settings`)
      .set(key())
      .send({ triage: { rules: [] } }),
  );
});

it("webhooks, events, incidents, investigations, activity", async () => {
  const body = { title: "Contract", description: "d", sourceAlertId: "contract-1", severity: "critical", service: "shop" };
  const created = conforms("postWebhook", await stack.webhook(creds, "custom", body));
  expect(created.status).toBe(201);
  expect(conforms("postWebhook", await stack.webhook(creds, "custom", body)).status).toBe(409);
  conforms("postWebhook", await stack.webhook(creds, "custom", "{nope"));
  conforms("postWebhook", await stack.webhook(creds, "custom", { title: 1 }));
  conforms("postWebhook", await stack.webhook(creds, "custom", body, { sign: false }));
  conforms("getEvent", await api().get(`/v1/events/${created.body.eventId}`).set(key()));
  conforms("getEvent", await api().get("/v1/events/evt_missing").set(key()));

  const id = created.body.incidentId;
  conforms("listIncidents", await api().get("/v1/incidents?limit=1").set(key()));
  conforms("listIncidents", await api().get("/v1/incidents?limit=1000").set(key()));
  const detail = await eventually(
    () => api().get(`/v1/incidents/${id}`).set(key()),
    (r) => r.body.investigation?.status === "completed",
    30_000,
  );
  conforms("getIncident", detail);
  conforms("getIncident", await api().get("/v1/incidents/inc_missing").set(key()));
  conforms("investigateIncident", await api().post(`/v1/incidents/${id}/investigate`).set(key()));
  conforms("acknowledgeIncident", await api().post(`/v1/incidents/${id}/acknowledge`).set(key()));
  conforms("updateIncident", await api().patch(`/v1/incidents/${id}`).set(key()).send({ assignee: "ana@example.com" }));
  conforms("updateIncident", await api().patch(`/v1/incidents/${id}`).set(key()).send({ status: "open" }));
  conforms("approveRemediation", await api().post(`/v1/incidents/${id}/remediation/approve`).set(key()));
  conforms("rejectRemediation", await api().post(`/v1/incidents/${id}/remediation/reject`).set(key()).send({ reason: "no" }));
  conforms("createIncident", await api().post("/v1/incidents").set(key()).send({ title: "M", description: "", severity: "low" }));
  conforms("createIncident", await api().post("/v1/incidents").set(key()).send({ title: "" }));
  conforms("postWebhook", await stack.webhook(creds, "custom", { ...body, status: "resolved" }));
  conforms("postWebhook", await stack.webhook(creds, "custom", { ...body, status: "resolved" }));
  conforms("listActivity", await api().get("/v1/activity?limit=5").set(key()));
  conforms("listActivity", await api().get("/v1/activity?types=bogus").set(key()));
});

it("changes, runbooks, operations", async () => {
  conforms("createChange", await api().post("/v1/changes").set(key()).send({ service: "s", environment: "e", version: "v1" }));
  conforms("createChange", await api().post("/v1/changes").set(key()).send({}));
  const runbook = conforms(
    "createRunbook",
    await api()
      .post("/v1/runbooks")
      .set(key())
      .send({ title: "R", steps: ["a"] }),
  );
  conforms(
    "createRunbook",
    await api()
      .post("/v1/runbooks")
      .set(key())
      .send({ title: "R", match: { titlePattern: "(a)\\1" }, steps: ["a"] }),
  );
  conforms("listRunbooks", await api().get("/v1/runbooks").set(key()));
  conforms("getRunbook", await api().get(`/v1/runbooks/${runbook.body.runbookId}`).set(key()));
  conforms(
    "replaceRunbook",
    await api()
      .put(`/v1/runbooks/${runbook.body.runbookId}`)
      .set(key())
      .send({ title: "R2", steps: ["b"] }),
  );
  conforms("deleteRunbook", await api().delete(`/v1/runbooks/${runbook.body.runbookId}`).set(key()));
  conforms("getRunbook", await api().get(`/v1/runbooks/${runbook.body.runbookId}`).set(key()));
  conforms("getHealth", await api().get("/healthz"));
  conforms("getReadiness", await api().get("/readyz"));
});
