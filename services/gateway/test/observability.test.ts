import { context, propagation, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/** The SDK's in-memory exporter: every span the stack ends, kept for the assertions. */
const exporter = new InMemorySpanExporter();
let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  stack = await TestStack.start({ label: "observe" });
  creds = await stack.tenant(["ingest", "read", "write"]);
});
afterAll(async () => {
  await stack.close();
  trace.disable();
  context.disable();
  propagation.disable();
});

describe("tracing", () => {
  it("one alert is one trace: webhook → its delivery in a raw-alerts job → triage job → investigation → every agent", async () => {
    const res = await stack.webhook(creds, "custom", {
      title: "Traced",
      description: "",
      sourceAlertId: "traced-1",
      severity: "critical",
    });
    expect(res.status).toBe(201);
    await eventually(
      () => stack.incident(res.body.incidentId),
      (i) => i.investigations.some((v) => v.status === "completed"),
      30_000,
    );
    const spans = () => exporter.getFinishedSpans();
    const root = spans().find((s) => s.name === "webhook custom");
    expect(root).toBeDefined();
    const traceId = root!.spanContext().traceId;
    const names = await eventually(
      async () =>
        spans()
          .filter((s) => s.spanContext().traceId === traceId)
          .map((s) => s.name),
      (n) => n.includes("investigations process"),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "webhook custom",
        "raw-alerts delivery",
        "triage process",
        "agent-change-detector process",
        "agent-incident-correlator process",
        "agent-infra-inspector process",
        "agent-remediation-planner process",
        "investigations process",
      ]),
    );
    // A raw-alerts job may hold several deliveries: each is processed in a span of its own webhook's trace.
    const delivery = spans().find((s) => s.name === "raw-alerts delivery" && s.spanContext().traceId === traceId)!;
    expect(delivery.parentSpanContext?.spanId).toBe(root!.spanContext().spanId);
  });
});

describe("GET /metrics (contract §11)", () => {
  it("serves Prometheus text with the contract's series, and no tenant id", async () => {
    await stack.webhook(creds, "custom", { title: "Counted", description: "", sourceAlertId: "counted-1" });
    await stack.webhook(creds, "custom", { title: "Counted", description: "", sourceAlertId: "counted-1" });
    await stack.webhook(creds, "custom", "{not json");
    const res = await request(stack.app).get("/metrics").expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(/causeflow_webhook_requests_total\{[^}]*provider="custom"[^}]*status="201"[^}]*\} \d+/);
    expect(text).toMatch(/causeflow_webhook_requests_total\{[^}]*provider="custom"[^}]*status="409"[^}]*\} \d+/);
    expect(text).toMatch(/causeflow_webhook_requests_total\{[^}]*status="400"[^}]*\} \d+/);
    expect(text).toMatch(/causeflow_webhook_verdict_seconds_bucket\{[^}]*le="0.1"[^}]*provider="custom"/);
    expect(text).toMatch(/causeflow_alerts_total\{[^}]*provider="custom"[^}]*outcome="duplicate"[^}]*\} \d+/);
    expect(text).toMatch(/causeflow_queue_jobs\{[^}]*queue="raw-alerts"[^}]*state="waiting"/);
    expect(text).toMatch(/causeflow_queue_jobs\{[^}]*queue="notifications"[^}]*state="failed"/);
    expect(text).toMatch(/causeflow_job_duration_seconds_bucket\{[^}]*queue="raw-alerts"/);
    expect(text).toMatch(/causeflow_agent_runs_total\{[^}]*agent="change_detector"[^}]*outcome="finished"/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    expect(text).not.toContain(creds.tenantId);
    expect(text).not.toContain(creds.apiKey);
  });
});
