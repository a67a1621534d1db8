import type { AgentName, Severity } from "@causeflow/contracts";
import { QueueEvents } from "bullmq";
import type { Incident } from "@causeflow/db";
import type { AgentDispatcher } from "../src/agent-dispatcher";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/** Records hand-offs at the dispatch seam. */
class RecordingDispatcher implements AgentDispatcher {
  readonly calls: { incidentId: string; agents: readonly AgentName[] }[] = [];
  async dispatch(incident: Incident, agents: readonly AgentName[]) {
    this.calls.push({ incidentId: incident.id, agents });
  }
}

let stack: TestStack;
let creds: TenantCredentials;
const dispatcher = new RecordingDispatcher();

beforeAll(async () => {
  stack = await TestStack.start({ label: "triage", dispatcher });
  creds = await stack.tenant();
});
afterAll(() => stack.close());

async function triaged(severity: Severity, id: string) {
  const res = await stack.webhook(creds, "custom", { sourceAlertId: id, title: `Sev ${severity}`, description: "", severity });
  expect(res.status).toBe(201);
  const deadline = Date.now() + 5000;
  for (;;) {
    const row = await stack.prisma.incident.findUniqueOrThrow({ where: { id: res.body.incidentId }, include: { timeline: true } });
    if (row.status !== "open") return row;
    if (Date.now() > deadline) throw new Error("not triaged in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("severity → agents policy", () => {
  it.each(["critical", "high"] as const)("%s: triaging, all four agents dispatched at once", async (severity) => {
    const row = await triaged(severity, `t-${severity}`);
    expect(row.status).toBe("triaging");
    expect(row.assignedAgents).toEqual(["change_detector", "incident_correlator", "infra_inspector", "remediation_planner"]);
    expect(dispatcher.calls.find((c) => c.incidentId === row.id)?.agents).toEqual(row.assignedAgents);
    const entry = row.timeline.find((t) => t.kind === "triaged");
    expect(entry?.message).toContain(severity);
    expect(entry?.data).toMatchObject({ mode: "immediate", from: "open", to: "triaging" });
  });

  it.each(["medium", "low", "info"] as const)("%s: triaging, no agent dispatched", async (severity) => {
    const row = await triaged(severity, `t-${severity}`);
    expect(row.status).toBe("triaging");
    expect(row.assignedAgents).toEqual([]);
    expect(dispatcher.calls.find((c) => c.incidentId === row.id)).toBeUndefined();
    expect(row.timeline.find((t) => t.kind === "triaged")?.data).toMatchObject({ mode: severity === "info" ? "never" : "on_request" });
  });

  it("a duplicate never triages or dispatches again", async () => {
    const row = await triaged("critical", "t-dup");
    const before = dispatcher.calls.length;
    expect((await stack.webhook(creds, "custom", { sourceAlertId: "t-dup", title: "Sev critical", description: "", severity: "critical" })).status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(dispatcher.calls.length).toBe(before);
    const timeline = await stack.prisma.timelineEntry.findMany({ where: { incidentId: row.id, kind: "triaged" } });
    expect(timeline).toHaveLength(1);
  });

  it("a triage job run twice changes nothing the second time", async () => {
    const row = await triaged("high", "t-twice");
    const before = dispatcher.calls.length;
    const connection = stack.blocking.duplicate();
    const events = new QueueEvents("triage", { connection, prefix: stack.prefix });
    try {
      await events.waitUntilReady();
      const job = await stack.triageQueue.add("triage", { incidentId: row.id, tenantId: creds.tenantId }, { jobId: `again-${row.id}` });
      const result = await job.waitUntilFinished(events, 5000);
      expect(result).toEqual({ incidentId: row.id, triaged: false, dispatched: [] });
    } finally {
      await events.close();
      connection.disconnect();
    }
    expect(dispatcher.calls.length).toBe(before);
  });
});
