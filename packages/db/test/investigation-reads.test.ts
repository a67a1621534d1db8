import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import {
  readChangesOf,
  readInvestigationsWithEvidence,
  readRunbooksOf,
  type ChangeWindow,
} from "../src/reads/investigation-reads";
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
  await prisma.tenant.create({ data: { id: "ten_2", name: "globex" } });
  for (const [id, tenantId, service, environment, occurredAt] of [
    ["chg_1", "ten_1", "api", "prod", "2026-11-30T04:30:00.000Z"],
    ["chg_2", "ten_1", "api", "prod", "2026-11-30T04:55:00.000Z"],
    ["chg_3", "ten_1", "api", "staging", "2026-11-30T04:50:00.000Z"],
    ["chg_4", "ten_1", "api", "prod", "2026-11-30T02:00:00.000Z"],
    ["chg_5", "ten_1", "web", "prod", "2026-11-30T04:56:00.000Z"],
    ["chg_6", "ten_2", "api", "prod", "2026-11-30T04:57:00.000Z"],
  ] as const) {
    await prisma.change.create({
      data: { id, tenantId, service, environment, version: `v-${id}`, occurredAt: at(occurredAt), source: "api" },
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

describe("the agents' change read, many windows in one statement", () => {
  const window = (fields: Partial<ChangeWindow>): ChangeWindow => ({
    tenantId: "ten_1",
    service: "api",
    environment: "prod",
    from: at("2026-11-30T04:00:00.000Z"),
    to: at("2026-11-30T05:05:00.000Z"),
    ...fields,
  });
  const viaPrisma = ({ tenantId, service, environment, from, to }: ChangeWindow) =>
    db.prisma.change.findMany({
      where: { tenantId, service, ...(environment ? { environment } : {}), occurredAt: { gte: from, lte: to } },
      orderBy: { occurredAt: "desc" },
    });

  it("each window's changes, latest first, as Prisma reads them one by one, in the windows' order", async () => {
    const windows = [
      window({}),
      window({ environment: null }),
      window({ service: "checkout" }),
      window({ tenantId: "ten_2" }),
      window({}),
      window({ from: at("2026-11-30T01:00:00.000Z"), to: at("2026-11-30T03:00:00.000Z") }),
    ];
    const lists = await readChangesOf(db.prisma, windows);
    expect(lists.map((list) => list.map((c) => c.id))).toEqual([
      ["chg_2", "chg_1"],
      ["chg_2", "chg_3", "chg_1"],
      [],
      ["chg_6"],
      ["chg_2", "chg_1"],
      ["chg_4"],
    ]);
    expect(lists).toEqual(await Promise.all(windows.map(viaPrisma)));
    expect(await readChangesOf(db.prisma, [])).toEqual([]);
  });
});

describe("the planners' runbook read, many tenants in one statement", () => {
  it("each tenant's runbooks, oldest first, as Prisma reads them one by one", async () => {
    for (const [id, tenantId, createdAt] of [
      ["rb_2", "ten_1", "2026-11-30T03:00:00.000Z"],
      ["rb_1", "ten_1", "2026-11-30T02:00:00.000Z"],
      ["rb_3", "ten_2", "2026-11-30T01:00:00.000Z"],
    ] as const) {
      await db.prisma.runbook.create({ data: { id, tenantId, title: id, steps: ["look"], createdAt: at(createdAt) } });
    }
    const lists = await readRunbooksOf(db.prisma, ["ten_1", "ten_nothing", "ten_2", "ten_1"]);
    expect(lists.map((list) => list.map((r) => r.id))).toEqual([["rb_1", "rb_2"], [], ["rb_3"], ["rb_1", "rb_2"]]);
    const viaPrisma = (tenantId: string) => db.prisma.runbook.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
    expect(lists).toEqual([await viaPrisma("ten_1"), [], await viaPrisma("ten_2"), await viaPrisma("ten_1")]);
    expect(await readRunbooksOf(db.prisma, [])).toEqual([]);
  });
});
