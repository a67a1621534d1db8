import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { completeRunningInvestigations, type InvestigationCompletion } from "../src/batch/complete-investigation";
import { startRunningInvestigations, type InvestigationStart } from "../src/batch/start-investigation";
import { countLiveInvestigationsOf } from "../src/reads/investigation-reads";
import { seedIncident, seedInvestigation } from "./seed-incident";

let db: TestDatabase;
const at = new Date("2026-11-30T05:00:00.000Z");

beforeAll(async () => {
  db = await createTestDatabase("investigation_batches");
  const { prisma } = db;
  for (const id of ["ten_1", "ten_2"]) await prisma.tenant.create({ data: { id, name: id } });
  for (const [id, tenantId, status] of [
    ["inc_a", "ten_1", "triaging"],
    ["inc_b", "ten_2", "triaging"],
    ["inc_c", "ten_1", "triaging"],
    ["inc_d", "ten_1", "resolved"],
    ["inc_e", "ten_1", "investigating"],
  ] as const) {
    await seedIncident(prisma, at, { id, tenantId, status, sourceAlertId: id });
  }
  await seedInvestigation(prisma, at, { id: "inv_running", incidentId: "inc_e", tenantId: "ten_1", status: "running" });
});
afterAll(() => db.close());

const start = (investigationId: string, incidentId: string, fields: Partial<InvestigationStart> = {}): InvestigationStart => ({
  investigationId,
  incidentId,
  tenantId: "ten_1",
  from: "triaging",
  to: "investigating",
  trigger: "triage",
  agents: ["change_detector", "incident_correlator"],
  actor: { kind: "system", id: null },
  message: `Investigation started: ${investigationId}`,
  activityData: { investigationId },
  ...fields,
});

describe("investigations started in one statement", () => {
  it("each start has its own outcome, in order; only the started ones write, each with its entry", async () => {
    const outcomes = await startRunningInvestigations(db.prisma, [
      start("inv_1", "inc_a"),
      start("inv_2", "inc_b", { tenantId: "ten_2", trigger: "requested", actor: { kind: "key", id: "key_9" } }),
      start("inv_3", "inc_c"),
      start("inv_4", "inc_c"), // a second start of the same incident in the batch
      start("inv_5", "inc_d"), // resolved meanwhile
      start("inv_6", "inc_b"), // another tenant's incident
      start("inv_7", "inc_e", { from: "investigating" }), // one already running
    ]);
    expect(outcomes).toEqual(["started", "started", "started", "running", "moved", "moved", "running"]);

    const investigations = await db.prisma.investigation.findMany({ where: { status: "running" }, orderBy: { id: "asc" } });
    expect(investigations.map((i) => [i.id, i.incidentId, i.trigger, i.agents])).toEqual([
      ["inv_1", "inc_a", "triage", ["change_detector", "incident_correlator"]],
      ["inv_2", "inc_b", "requested", ["change_detector", "incident_correlator"]],
      ["inv_3", "inc_c", "triage", ["change_detector", "incident_correlator"]],
      ["inv_running", "inc_e", "triage", ["change_detector"]],
    ]);
    const incidents = await db.prisma.incident.findMany({ orderBy: { id: "asc" } });
    expect(incidents.map((i) => [i.id, i.status, i.assignedAgents.length])).toEqual([
      ["inc_a", "investigating", 2],
      ["inc_b", "investigating", 2],
      ["inc_c", "investigating", 2],
      ["inc_d", "resolved", 0],
      ["inc_e", "investigating", 0],
    ]);
    const entries = await db.prisma.activity.findMany({ orderBy: [{ tenantId: "asc" }, { seq: "asc" }] });
    expect(entries.map((e) => [e.tenantId, e.seq, e.type, e.incidentId, e.actorKind, e.actorId, e.data])).toEqual([
      ["ten_1", 1n, "investigation.started", "inc_a", "system", null, { investigationId: "inv_1" }],
      ["ten_1", 2n, "investigation.started", "inc_c", "system", null, { investigationId: "inv_3" }],
      ["ten_2", 1n, "investigation.started", "inc_b", "key", "key_9", { investigationId: "inv_2" }],
    ]);
    expect(await startRunningInvestigations(db.prisma, [])).toEqual([]);
  });
});

describe("investigations completed in one statement (after the starts above)", () => {
  const completion = (investigationId: string, incidentId: string, fields: Partial<InvestigationCompletion> = {}) => ({
    investigationId,
    incidentId,
    tenantId: "ten_1",
    rootCause: null,
    proposal: null,
    entries: [{ type: "investigation.completed", message: `${investigationId} completed`, data: { investigationId } }],
    ...fields,
  });

  it("each its result and entries, the incident awaiting approval when there is a proposal; a finished one is left alone", async () => {
    const seqBefore = await db.prisma.activityCounter.findMany({ orderBy: { tenantId: "asc" } });
    const outcomes = await completeRunningInvestigations(db.prisma, [
      completion("inv_1", "inc_a", {
        rootCause: { summary: "api v2 deployed 3 min before", confidence: 0.9 },
        proposal: { title: "Roll back api v2", steps: ["roll back", "watch 5xx"] },
        entries: [
          { type: "investigation.completed", message: "inv_1 completed", data: { investigationId: "inv_1" } },
          { type: "remediation.proposed", message: "Proposed: Roll back api v2", data: { investigationId: "inv_1" } },
        ],
      }),
      completion("inv_2", "inc_b", { tenantId: "ten_2" }),
      completion("inv_1", "inc_a"), // named twice: completed once, by the first
      completion("inv_4", "inc_c"), // never started
      completion("inv_3", "inc_c", { tenantId: "ten_2" }), // not this tenant's
    ]);
    expect(outcomes).toEqual([true, true, false, false, false]);
    expect(await completeRunningInvestigations(db.prisma, [completion("inv_2", "inc_b", { tenantId: "ten_2" })])).toEqual([
      false,
    ]);

    const inv1 = await db.prisma.investigation.findUniqueOrThrow({ where: { id: "inv_1" } });
    expect(inv1).toMatchObject({
      status: "completed",
      rootCauseSummary: "api v2 deployed 3 min before",
      rootCauseConfidence: 0.9,
      remediationStatus: "proposed",
      remediationTitle: "Roll back api v2",
      remediationSteps: ["roll back", "watch 5xx"],
    });
    expect(inv1.finishedAt).toEqual(inv1.proposedAt);
    expect(await db.prisma.investigation.findUniqueOrThrow({ where: { id: "inv_2" } })).toMatchObject({
      status: "completed",
      rootCauseSummary: null,
      remediationStatus: null,
      remediationSteps: [],
      proposedAt: null,
    });
    expect((await db.prisma.investigation.findUniqueOrThrow({ where: { id: "inv_3" } })).status).toBe("running");
    const statuses = await db.prisma.incident.findMany({
      where: { id: { in: ["inc_a", "inc_b", "inc_c"] } },
      orderBy: { id: "asc" },
    });
    expect(statuses.map((i) => i.status)).toEqual(["awaiting_approval", "investigating", "investigating"]);

    const entries = await db.prisma.activity.findMany({
      where: { type: { in: ["investigation.completed", "remediation.proposed"] } },
      orderBy: [{ tenantId: "asc" }, { seq: "asc" }],
    });
    const last = Object.fromEntries(seqBefore.map((c) => [c.tenantId, c.last]));
    expect(entries.map((e) => [e.tenantId, e.seq, e.type, e.incidentId])).toEqual([
      ["ten_1", last.ten_1! + 1n, "investigation.completed", "inc_a"],
      ["ten_1", last.ten_1! + 2n, "remediation.proposed", "inc_a"],
      ["ten_2", last.ten_2! + 1n, "investigation.completed", "inc_b"],
    ]);
  });
});

describe("live investigations counted for many incidents in one statement", () => {
  it("running and done count, failed ones do not; one count per incident named, in order", async () => {
    await seedInvestigation(db.prisma, at, { id: "inv_failed", incidentId: "inc_d", tenantId: "ten_1", status: "failed" });
    expect(await countLiveInvestigationsOf(db.prisma, ["inc_a", "inc_d", "inc_c", "inc_nothing", "inc_a"])).toEqual([
      1, 0, 1, 0, 1,
    ]);
    expect(await countLiveInvestigationsOf(db.prisma, [])).toEqual([]);
  });
});
