import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

const FIXTURES = path.resolve(__dirname, "../../../packages/providers/test/fixtures");
const fixture = (provider: string, name: string) => readFileSync(path.join(FIXTURES, provider, `${name}.json`), "utf8");
const expected = (provider: string, name: string) => JSON.parse(fixture(provider, `${name}.expected`)).alerts;
const hmac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("hex");

let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  stack = await TestStack.start({ label: "providers" });
  creds = await stack.tenant(["ingest", "read", "admin"]);
  const secrets: Record<string, string[]> = {
    grafana: ["grafana-signing-secret"],
    sentry: ["sentry-client-secret"],
    pagerduty: ["pd-old-secret-123", "pd-new-secret-456"],
  };
  for (const [provider, signingSecrets] of Object.entries(secrets)) {
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/integrations/${provider}`)
      .set(stack.admin())
      .send({ signingSecrets })
      .expect(200);
  }
});
afterAll(() => stack.close());

function post(provider: string, body: string, headers: Record<string, string> = {}, query = "") {
  return request(stack.app)
    .post(`/v1/webhooks/${creds.tenantId}/${provider}${query}`)
    .set("content-type", "application/json")
    .set(headers)
    .send(body);
}

/** How each tool authenticates, as its own documentation configures it. */
const deliveries: Record<string, (body: string, extra?: Record<string, string>) => request.Test> = {
  datadog: (b) => post("datadog", b, { "x-api-key": creds.apiKey }),
  alertmanager: (b) =>
    post("alertmanager", b, { authorization: `Basic ${Buffer.from(`api_key:${creds.apiKey}`).toString("base64")}` }),
  grafana: (b) => {
    const ts = String(Math.floor(Date.now() / 1000));
    return post("grafana", b, {
      "x-api-key": creds.apiKey,
      "x-grafana-alerting-timestamp": ts,
      "x-grafana-alerting-signature": hmac("grafana-signing-secret", `${ts}:${b}`),
    });
  },
  sentry: (b, extra = {}) =>
    post("sentry", b, { "x-api-key": creds.apiKey, "sentry-hook-signature": hmac("sentry-client-secret", b), ...extra }),
  pagerduty: (b) =>
    post("pagerduty", b, {
      "x-api-key": creds.apiKey,
      "x-pagerduty-signature": `v1=${hmac("pd-unknown", b)},v1=${hmac("pd-new-secret-456", b)}`,
    }),
  opsgenie: (b) => post("opsgenie", b, { "x-api-key": creds.apiKey }),
  newrelic: (b) => post("newrelic", b, { authorization: `Bearer ${creds.apiKey}` }),
  azure: (b) => post("azure", b, {}, `?apiKey=${encodeURIComponent(creds.apiKey)}`),
  gcp: (b) => post("gcp", b, { authorization: `Basic ${Buffer.from(`causeflow:${creds.apiKey}`).toString("base64")}` }),
  dynatrace: (b) => post("dynatrace", b, { "x-api-key": creds.apiKey }),
  custom: (b) =>
    post("custom", b, { "x-api-key": creds.apiKey, "x-webhook-signature": `sha256=${hmac(creds.webhookSecret, b)}` }),
};

/** A firing fixture and the fixture that resolves it, per provider. */
const lifecycles: [provider: string, firing: string, resolved: string, headers?: Record<string, string>][] = [
  ["datadog", "recommended-triggered", "recommended-recovered"],
  ["alertmanager", "firing", "firing"],
  ["grafana", "legacy-no-data", "legacy-ok"],
  ["sentry", "metric-alert-critical", "metric-alert-resolved", { "sentry-hook-resource": "metric_alert" }],
  ["pagerduty", "incident-triggered", "incident-resolved-urgency-low"],
  ["opsgenie", "create", "close-numeric-priority"],
  ["newrelic", "activated", "closed"],
  ["azure", "fired", "resolved-configuration-item"],
  ["gcp", "open", "closed-label-severity"],
  ["dynatrace", "open", "resolved-entity-service"],
  ["custom", "full", "full"],
];

describe.each(lifecycles)("%s end to end", (provider, firing, resolved, headers) => {
  it("creates the incident providers.md describes, then resolves it", async () => {
    const res = await deliveries[provider]!(fixture(provider, firing), headers);
    expect(res.status).toBe(201);
    const want = expected(provider, firing)[0];
    const incident = await stack.prisma.incident.findUniqueOrThrow({ where: { id: res.body.incidentId } });
    expect(incident).toMatchObject({
      source: provider,
      sourceAlertId: want.sourceAlertId,
      title: want.title,
      severity: want.severity,
      service: want.service,
      environment: want.environment,
      url: want.url,
    });
    // Fixtures without a time of their own were parsed at 12:00:00; here they get the delivery time.
    if (want.occurredAt === "2026-11-29T12:00:00.000Z") expect(Date.now() - incident.occurredAt.getTime()).toBeLessThan(60_000);
    else expect(incident.occurredAt.toISOString()).toBe(want.occurredAt);

    const again = await deliveries[provider]!(fixture(provider, firing), headers);
    // Contract §9: Alertmanager and Grafana count any non-2xx as a failed notification, so their duplicates are 200.
    if (provider === "alertmanager" || provider === "grafana") {
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe("duplicate");
    } else {
      expect(again.status).toBe(409);
    }

    if (provider === "alertmanager" || provider === "custom") {
      const body = JSON.parse(fixture(provider, firing));
      if (provider === "custom") body.status = "resolved";
      else body.alerts[0].status = "resolved";
      const closing = await deliveries[provider]!(JSON.stringify(body), headers);
      expect(closing.body).toMatchObject({ outcome: "resolved", incidentId: res.body.incidentId });
      return;
    }
    const closing = await deliveries[provider]!(fixture(provider, resolved), headers);
    expect(closing.status).toBe(200);
    expect(closing.body).toMatchObject({ outcome: "resolved", incidentId: res.body.incidentId });
  });
});

describe("native signatures", () => {
  it.each([
    ["grafana", { "x-grafana-alerting-signature": hmac("wrong", "x") }],
    ["sentry", { "sentry-hook-signature": hmac("wrong", "x"), "sentry-hook-resource": "event_alert" }],
    ["pagerduty", { "x-pagerduty-signature": `v1=${hmac("wrong", "x")}` }],
    ["pagerduty", {}],
  ])("%s: a wrong or missing signature is refused with 401 and nothing is stored", async (provider, headers) => {
    const events = await stack.prisma.alertEvent.count();
    const body = fixture(
      provider,
      { grafana: "legacy-alerting", sentry: "event-alert", pagerduty: "incident-triggered" }[provider]!,
    );
    const res = await post(provider, body, { "x-api-key": creds.apiKey, ...headers });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_signature");
    expect(await stack.prisma.alertEvent.count()).toBe(events);
  });

  it("grafana: a signed timestamp older than the tolerance is a replay", async () => {
    const body = fixture("grafana", "legacy-no-data");
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const res = await post("grafana", body, {
      "x-api-key": creds.apiKey,
      "x-grafana-alerting-timestamp": old,
      "x-grafana-alerting-signature": hmac("grafana-signing-secret", `${old}:${body}`),
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/old/);
  });

  it("grafana: without a timestamp header the body alone is signed", async () => {
    const body = fixture("grafana", "legacy-no-data");
    const res = await post("grafana", body, {
      "x-api-key": creds.apiKey,
      "x-grafana-alerting-signature": hmac("grafana-signing-secret", body),
    });
    expect(res.status).toBe(201);
  });

  it("a valid CauseFlow signature is accepted in place of the native one", async () => {
    const body = fixture("sentry", "event-alert");
    const res = await post("sentry", body, {
      "x-api-key": creds.apiKey,
      "sentry-hook-resource": "event_alert",
      "x-webhook-signature": `sha256=${hmac(creds.webhookSecret, body)}`,
    });
    expect(res.status).toBe(201);
  });
});

describe("grouped payloads and control messages", () => {
  it("grafana unified: one result per alert; 201 because one was created", async () => {
    const res = await deliveries.grafana!(fixture("grafana", "unified-firing-and-resolved"));
    expect(res.status).toBe(201);
    expect(res.body.results).toEqual([
      { sourceAlertId: "c6eadffa33f1d3c1", outcome: "created", incidentId: expect.stringMatching(/^inc_/) },
      { sourceAlertId: "a1b2c3d4e5f60718", outcome: "ignored", incidentId: null },
    ]);
    const again = await deliveries.grafana!(fixture("grafana", "unified-firing-and-resolved"));
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["duplicate", "ignored"]);
  });

  it("alertmanager: 200 outcome duplicate (contract §9) when every alert of the group is a duplicate", async () => {
    const body = JSON.parse(fixture("alertmanager", "firing"));
    body.alerts = [0, 1].map((i) => ({ ...body.alerts[0], fingerprint: `group-${i}` }));
    expect((await deliveries.alertmanager!(JSON.stringify(body))).status).toBe(201);
    const again = await deliveries.alertmanager!(JSON.stringify(body));
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe("duplicate");
    expect(again.body.results).toHaveLength(2);
  });

  it.each([
    ["pagerduty", "ping", "pagey.ping"],
    ["gcp", "console-test", "test_notification"],
    ["opsgenie", "add-note", "action_AddNote"],
  ])("%s %s answers 200 ignored and changes nothing", async (provider, name, reason) => {
    const incidents = await stack.prisma.incident.count();
    const res = await deliveries[provider]!(fixture(provider, name));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "ignored", reason });
    expect(await stack.prisma.incident.count()).toBe(incidents);
  });

  it("422 with the path for a payload that is not the provider's format", async () => {
    const res = await deliveries.dynatrace!(fixture("dynatrace", "invalid-no-pid"));
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("PID");
  });
});
