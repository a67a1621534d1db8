import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { readInvestigationsWithEvidence } from "../src/reads/investigation-reads";
import { seedIncident, seedInvestigation } from "./seed-incident";

let db: TestDatabase;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  db = await createTestDatabase("investigation_reads");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  await seedIncident(prisma, at("2026-11-30T05:00:00.000Z"), {
    id: "inc_1",
    tenantId: "ten_1",
    tags: { team: "payments" },
    assignedAgents: ["change_detector", "runbook_matcher"],
  });
  for (const [id, status] of [
    ["inv_1", "running"],
    ["inv_bare", "failed"],
  ] as const) {
    await seedInvestigation(prisma, at("2026-11-30T05:01:00.000Z"), {
      id,
      incidentId: "inc_1",
      tenantId: "ten_1",
      status,
      agents: ["change_detector", "remediation_planner"],
    });
  }
  // Out of order on purpose: two at the same instant (ordered by id), one earlier.
  for (const [id, createdAt, agent] of [
    ["evd_b", "2026-11-30T05:02:00.000Z", "remediation_planner"],
    ["evd_a", "2026-11-30T05:02:00.000Z", "change_detector"],
    ["evd_0", "2026-11-30T05:01:30.000Z", "change_detector"],
  ] as const) {
    await prisma.evidence.create({
      data: {
        id,
        investigationId: "inv_1",
        agent,
        kind: "deploy",
        summary: `${id} summary`,
        details: { steps: ["roll back"], version: { n: 2 } },
        confidence: 0.7,
        createdAt: at(createdAt),
      },
    });
  }
});
afterAll(() => db.close());

describe("the synthesis's read, as Prisma's model query returns it", () => {
  const viaPrisma = (id: string) =>
    db.prisma.investigation.findUnique({
      where: { id },
      include: { incident: true, evidence: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    });

  it("an investigation with its incident and its evidence, oldest first, in one statement", async () => {
    const expected = await viaPrisma("inv_1");
    expect(expected!.evidence.map((e) => e.id)).toEqual(["evd_0", "evd_a", "evd_b"]);
    expect(await readInvestigationsWithEvidence(db.prisma, ["inv_1"])).toEqual([expected]);
  });

  it("no evidence yet: an empty list; no such investigation: null; many at once, one per id in order", async () => {
    const [bare] = await readInvestigationsWithEvidence(db.prisma, ["inv_bare"]);
    expect(bare).toEqual(await viaPrisma("inv_bare"));
    expect(bare!.evidence).toEqual([]);
    expect(await readInvestigationsWithEvidence(db.prisma, ["inv_nothing"])).toEqual([null]);
    expect(await readInvestigationsWithEvidence(db.prisma, ["inv_bare", "inv_nothing", "inv_1", "inv_bare"])).toEqual([
      await viaPrisma("inv_bare"),
      null,
      await viaPrisma("inv_1"),
      await viaPrisma("inv_bare"),
    ]);
    expect(await readInvestigationsWithEvidence(db.prisma, [])).toEqual([]);
  });
});
