import { TERMINAL_STATUSES, type IncidentStatus } from "@causeflow/contracts";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import {
  readChangesOf,
  readConcurrentIncidentsOf,
  readPastIncidentsOf,
  readPastFixesOf,
  readRunbooksOf,
  type ChangeWindow,
} from "../src/reads/agent-reads";
import { readAgentContextsOf } from "../src/reads/agent-context-reads";
import { readTenantSettings } from "../src/tenant-settings";
import { seedIncident, seedInvestigation } from "./seed-incident";

let db: TestDatabase;
const at = (iso: string) => new Date(iso);
const incidentFields = ["id", "tenantId", "source", "sourceAlertId", "title"] as const;

beforeAll(async () => {
  db = await createTestDatabase("agent_reads");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
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
  // Incidents of two keys and titles, open and past, at different times (minutes after 04:00).
  const incidents: [string, string, string, string, IncidentStatus, number][] = [
    ["inc_now", "ten_1", "k1", "API 5xx", "investigating", 60],
    ["inc_open_1", "ten_1", "k2", "DB slow", "open", 50],
    ["inc_open_2", "ten_1", "k3", "Queue lag", "triaging", 70],
    ["inc_open_far", "ten_1", "k4", "Disk", "open", 0],
    ["inc_past_key", "ten_1", "k1", "Other title", "resolved", 10],
    ["inc_past_title", "ten_1", "k9", "API 5xx", "closed", 20],
    ["inc_past_both", "ten_1", "k1", "API 5xx", "resolved", 30],
    ["inc_open_title", "ten_1", "k8", "API 5xx", "open", 40],
    ["inc_other_tenant", "ten_2", "k1", "API 5xx", "resolved", 35],
  ];
  for (const [id, tenantId, sourceAlertId, title, status, minutes] of incidents) {
    const when = new Date(at("2026-11-30T04:00:00.000Z").getTime() + minutes * 60_000);
    await seedIncident(prisma, when, { id, tenantId, sourceAlertId, title, status, createdAt: when, resolvedAt: null });
  }
  // Investigations with their fix approved (at the minute given), or not.
  for (const [id, incidentId, tenantId, minutes, approvedAt] of [
    ["inv_a", "inc_past_title", "ten_1", 21, 22],
    ["inv_b", "inc_past_both", "ten_1", 31, 33],
    ["inv_c", "inc_past_both", "ten_1", 32, null],
    ["inv_d", "inc_open_title", "ten_1", 41, 45],
    ["inv_e", "inc_other_tenant", "ten_2", 36, 37],
  ] as const) {
    const base = at("2026-11-30T04:00:00.000Z").getTime();
    await seedInvestigation(prisma, new Date(base + minutes * 60_000), {
      id,
      incidentId,
      tenantId,
      remediationStatus: approvedAt === null ? "proposed" : "approved",
      remediationTitle: `fix of ${id}`,
      decidedAt: approvedAt === null ? null : new Date(base + approvedAt * 60_000),
    });
  }
});
afterAll(() => db.close());

const incident = (id: string) => db.prisma.incident.findUniqueOrThrow({ where: { id } });

describe("the correlator's and the planner's reads, many incidents in one statement, as Prisma reads them one by one", () => {
  it("concurrent open incidents: each window's, earliest first, at most `take`, never the incident itself", async () => {
    const now = await incident("inc_now");
    const far = await incident("inc_open_far");
    const window = (of: typeof now, fromMin: number, toMin: number, take: number) => ({
      incident: of,
      from: new Date(at("2026-11-30T04:00:00.000Z").getTime() + fromMin * 60_000),
      to: new Date(at("2026-11-30T04:00:00.000Z").getTime() + toMin * 60_000),
      take,
    });
    const windows = [window(now, 30, 90, 100), window(far, -30, 30, 100), window(now, 30, 90, 1), window(now, 200, 300, 5)];
    const lists = await readConcurrentIncidentsOf(db.prisma, windows);
    expect(lists.map((l) => l.map((i) => i.id))).toEqual([
      ["inc_open_title", "inc_open_1", "inc_open_2"],
      [],
      ["inc_open_title"],
      [],
    ]);
    const viaPrisma = ({ incident: of, from, to, take }: (typeof windows)[number]) =>
      db.prisma.incident.findMany({
        where: {
          tenantId: of.tenantId,
          id: { not: of.id },
          status: { notIn: [...TERMINAL_STATUSES] },
          occurredAt: { gte: from, lte: to },
        },
        orderBy: { occurredAt: "asc" },
        take,
        select: { id: true, title: true, service: true },
      });
    expect(lists).toEqual(await Promise.all(windows.map(viaPrisma)));
    expect(await readConcurrentIncidentsOf(db.prisma, [])).toEqual([]);
  });

  it("past incidents of the key or title, latest first, at most `take`; the approved fixes of the title's past incidents", async () => {
    const of = await Promise.all(["inc_now", "inc_open_far", "inc_now"].map(incident));
    const pick = (i: (typeof of)[number]) =>
      Object.fromEntries(incidentFields.map((f) => [f, i[f]])) as Pick<typeof i, (typeof incidentFields)[number]>;
    const past = await readPastIncidentsOf(db.prisma, of.map(pick), 2);
    expect(past.map((l) => l.map((i) => i.id))).toEqual([
      ["inc_past_both", "inc_past_title"],
      [],
      ["inc_past_both", "inc_past_title"],
    ]);
    const pastViaPrisma = (i: (typeof of)[number], take: number) =>
      db.prisma.incident.findMany({
        where: {
          tenantId: i.tenantId,
          id: { not: i.id },
          status: { in: [...TERMINAL_STATUSES] },
          OR: [{ source: i.source, sourceAlertId: i.sourceAlertId }, { title: i.title }],
        },
        orderBy: { createdAt: "desc" },
        take,
        select: { id: true, status: true, createdAt: true, firstSeenAt: true, resolvedAt: true },
      });
    expect(past).toEqual(await Promise.all(of.map((i) => pastViaPrisma(i, 2))));
    // The agents' reads and their partial indexes (migrations 20261130050000, 20261130070000) name these two statuses.
    expect(TERMINAL_STATUSES).toEqual(["resolved", "closed"]);
    expect((await readPastIncidentsOf(db.prisma, [pick(of[0]!)], 20))[0]!.map((i) => i.id)).toEqual([
      "inc_past_both",
      "inc_past_title",
      "inc_past_key",
    ]);

    // Past fixes: approved on a resolved or closed incident of the title (not an open one's, not
    // one only proposed, not another tenant's), latest approval first.
    const fixes = await readPastFixesOf(db.prisma, of, 5);
    expect(fixes.map((l) => l.map((v) => v.id))).toEqual([["inv_b", "inv_a"], [], ["inv_b", "inv_a"]]);
    const fixesViaPrisma = (i: (typeof of)[number], take: number) =>
      db.prisma.investigation.findMany({
        where: {
          remediationStatus: "approved",
          incident: { tenantId: i.tenantId, title: i.title, id: { not: i.id }, status: { in: [...TERMINAL_STATUSES] } },
        },
        orderBy: { decidedAt: "desc" },
        take,
      });
    expect(fixes).toEqual(await Promise.all(of.map((i) => fixesViaPrisma(i, 5))));
    expect(await readPastFixesOf(db.prisma, [of[0]!], 1)).toEqual([await fixesViaPrisma(of[0]!, 1)]);
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

describe("the agent runs' context, many runs in one statement", () => {
  it("each run's incident, investigation and tenant settings as Prisma reads them; null when one is missing or of another tenant", async () => {
    await db.prisma.tenantSettings.create({
      data: { tenantId: "ten_2", reopenWindowSeconds: 300, triage: { autoInvestigateFrom: "critical" } },
    });
    const key = (tenantId: string, incidentId: string, investigationId: string) => ({ tenantId, incidentId, investigationId });
    const contexts = await readAgentContextsOf(db.prisma, [
      key("ten_1", "inc_past_both", "inv_b"),
      key("ten_2", "inc_other_tenant", "inv_e"),
      key("ten_1", "inc_past_both", "inv_missing"),
      key("ten_2", "inc_past_both", "inv_b"),
      key("ten_1", "inc_missing", "inv_b"),
      key("ten_1", "inc_past_both", "inv_b"),
    ]);
    const viaPrisma = async (tenantId: string, incidentId: string, investigationId: string) => ({
      incident: await db.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } }),
      investigation: await db.prisma.investigation.findUniqueOrThrow({ where: { id: investigationId } }),
      settings: await readTenantSettings(db.prisma, tenantId),
    });
    const first = await viaPrisma("ten_1", "inc_past_both", "inv_b");
    expect(contexts).toEqual([first, await viaPrisma("ten_2", "inc_other_tenant", "inv_e"), null, null, null, first]);
    // A tenant with no settings row gets the defaults; one with a row gets what it set.
    expect(contexts[0]!.settings.reopenWindowSeconds).toBe(0);
    expect(contexts[1]!.settings.reopenWindowSeconds).toBe(300);
    expect(contexts[1]!.settings.triage.autoInvestigateFrom).toBe("critical");
    expect(await readAgentContextsOf(db.prisma, [])).toEqual([]);
  });
});
