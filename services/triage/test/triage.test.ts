import type { Severity } from "@causeflow/contracts";
import { QueueEvents } from "bullmq";
import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { eventually } from "../../../test/support/eventually";

let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  stack = await TestStack.start({ label: "triage" });
  creds = await stack.tenant(["ingest", "read", "write", "admin"]);
});
afterAll(() => stack.close());

async function triaged(severity: Severity, id: string, extra: Record<string, string> = {}) {
  const res = await stack.webhook(creds, "custom", {
    sourceAlertId: id,
    title: `Sev ${severity}`,
    description: "",
    severity,
    ...extra,
  });
  expect(res.status).toBe(201);
  // Settled: triaged, and when agents were assigned, their investigation started (never the in-between status).
  return eventually(
    () => stack.incident(res.body.incidentId),
    // (The row and its investigations are two reads: wait until both show the investigation started.)
    (row) =>
      row.status !== "open" && (row.assignedAgents.length === 0 || (row.investigations.length > 0 && row.status !== "triaging")),
  );
}

describe("severity → agents policy", () => {
  it.each(["critical", "high"] as const)(
    "%s: every agent is dispatched at once and the incident is investigating",
    async (severity) => {
      const row = await triaged(severity, `t-${severity}`);
      expect(["investigating", "awaiting_approval"]).toContain(row.status);
      expect(row.assignedAgents).toEqual(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
      expect(row.investigations).toHaveLength(1);
      const entry = row.timeline.find((t) => t.kind === "triaged");
      expect(entry?.message).toContain(severity);
      expect(entry?.data).toMatchObject({ mode: "immediate", from: "open", to: "triaging" });
      expect(row.timeline.map((t) => t.kind)).toContain("investigation_started");
    },
  );

  it.each(["medium", "low", "info"] as const)("%s: triaging, no agent dispatched", async (severity) => {
    const row = await triaged(severity, `t-${severity}`);
    expect(row.status).toBe("triaging");
    expect(row.assignedAgents).toEqual([]);
    expect(row.investigations).toHaveLength(0);
    expect(row.timeline.find((t) => t.kind === "triaged")?.data).toMatchObject({
      mode: severity === "info" ? "never" : "on_request",
    });
  });

  it("a duplicate never triages or dispatches again", async () => {
    const row = await triaged("critical", "t-dup");
    expect(
      (
        await stack.webhook(creds, "custom", {
          sourceAlertId: "t-dup",
          title: "Sev critical",
          description: "",
          severity: "critical",
        })
      ).status,
    ).toBe(409);
    // A 409 is answered after the duplicate was applied, and a duplicate queues no triage job.
    expect(await stack.prisma.investigation.count({ where: { incidentId: row.id } })).toBe(1);
    expect(await stack.prisma.activity.count({ where: { incidentId: row.id, type: "incident.triaged" } })).toBe(1);
  });

  it("a triage job run twice changes nothing the second time", async () => {
    const row = await triaged("high", "t-twice");
    const connection = stack.connect();
    const events = new QueueEvents("triage", { connection, prefix: stack.prefix });
    try {
      await events.waitUntilReady();
      const job = await stack.triageQueue.add(
        "triage",
        { incidents: [{ incidentId: row.id, tenantId: creds.tenantId }] },
        { jobId: `again-${row.id}` },
      );
      expect(await job.waitUntilFinished(events, 5000)).toEqual([{ incidentId: row.id, triaged: false, dispatched: [] }]);
    } finally {
      await events.close();
      connection.disconnect();
    }
    expect(await stack.prisma.investigation.count({ where: { incidentId: row.id } })).toBe(1);
  });
});

describe("tenant triage rules", () => {
  beforeAll(async () => {
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/settings`)
      .set("x-api-key", creds.apiKey)
      .send({
        triage: {
          rules: [
            { kind: "environment", environment: "staging", adjust: -1 },
            { kind: "service", service: "payments", adjust: 1 },
            { kind: "storm", minIncidents: 3, windowMinutes: 10, adjust: 1 },
          ],
        },
      })
      .expect(200);
  });

  it("staging goes one level lower, with the reason recorded", async () => {
    const row = await triaged("high", "r-staging", { environment: "staging", service: "search" });
    expect(row.severity).toBe("medium");
    expect(row.investigations).toHaveLength(0);
    const data = row.timeline.find((t) => t.kind === "triaged")?.data as { reasons: string[]; normalizedSeverity: string };
    expect(data.normalizedSeverity).toBe("high");
    expect(data.reasons[0]).toBe("environment is staging: high → medium");
  });

  it("a flagged service goes one level higher and is then investigated at once", async () => {
    const row = await triaged("medium", "r-payments", { service: "payments", environment: "production" });
    expect(row.severity).toBe("high");
    expect(row.investigations).toHaveLength(1);
  });

  it("an alert storm on one service raises the severity", async () => {
    await triaged("low", "storm-a", { service: "feed" });
    await triaged("low", "storm-b", { service: "feed" });
    const third = await triaged("low", "storm-c", { service: "feed" });
    expect(third.severity).toBe("medium");
    expect((third.timeline.find((t) => t.kind === "triaged")?.data as { reasons: string[] }).reasons[0]).toMatch(
      /^alert storm: 3 open incidents on feed/,
    );
  });

  it("a lower autoInvestigateFrom investigates medium incidents at once", async () => {
    await request(stack.app)
      .put(`/v1/tenants/${creds.tenantId}/settings`)
      .set("x-api-key", creds.apiKey)
      .send({ triage: { autoInvestigateFrom: "medium" } })
      .expect(200);
    const row = await triaged("medium", "r-threshold", { service: "search" });
    expect(row.investigations).toHaveLength(1);
  });
});
