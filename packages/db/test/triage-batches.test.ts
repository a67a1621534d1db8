import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { triageOpenIncidents, type TriageRow } from "../src/batch/triage-incidents";
import { seedIncident } from "./seed-incident";

let db: TestDatabase;
const at = new Date("2026-11-30T05:00:00.000Z");

beforeAll(async () => {
  db = await createTestDatabase("triage_batches");
  await db.prisma.tenant.createMany({
    data: [
      { id: "ten_1", name: "acme" },
      { id: "ten_2", name: "other" },
    ],
  });
});
afterAll(() => db.close());

const row = (id: string, tenantId = "ten_1"): TriageRow => ({
  id,
  tenantId,
  severity: "low",
  agents: ["log_analyzer"],
  message: `triaged ${id}`,
  activityData: { severity: "low" },
});

describe("triageOpenIncidents", () => {
  it("moves the open incidents of a batch to triaging; one that moved meanwhile or is another tenant's is left as it is", async () => {
    await seedIncident(db.prisma, at, { id: "inc_open_1", tenantId: "ten_1", status: "open", sourceAlertId: "a" });
    await seedIncident(db.prisma, at, { id: "inc_open_2", tenantId: "ten_1", status: "open", sourceAlertId: "b" });
    await seedIncident(db.prisma, at, { id: "inc_resolved", tenantId: "ten_1", status: "resolved", sourceAlertId: "c" });
    await seedIncident(db.prisma, at, { id: "inc_other", tenantId: "ten_2", status: "open", sourceAlertId: "d" });

    const moved = await triageOpenIncidents(db.prisma, [
      row("inc_open_1"),
      row("inc_resolved"),
      row("inc_other"), // named with the wrong tenant
      row("inc_open_2"),
    ]);

    expect(moved.map((i) => i.id).sort()).toEqual(["inc_open_1", "inc_open_2"]);
    const after = await db.prisma.incident.findMany({ orderBy: { id: "asc" } });
    expect(after.map((i) => [i.id, i.status, i.severity])).toEqual([
      ["inc_open_1", "triaging", "low"],
      ["inc_open_2", "triaging", "low"],
      ["inc_other", "open", "high"],
      ["inc_resolved", "resolved", "high"],
    ]);
    const entries = await db.prisma.activity.findMany({ where: { type: "incident.triaged" }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.tenantId, e.seq, e.incidentId])).toEqual([
      ["ten_1", 1n, "inc_open_1"],
      ["ten_1", 2n, "inc_open_2"],
    ]);
  });
});
