import { eventually } from "../../../test/support/eventually";
import { reportingStatistics } from "./reporting-statistics";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { completeRunningInvestigations } from "../src/batch/complete-investigation";
import { readConcurrentIncidentsOf, readPastFixesOf, readPastIncidentsOf } from "../src/reads/agent-reads";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("storm_plans");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  await prisma.$executeRawUnsafe(`ALTER TABLE "Investigation" SET (autovacuum_enabled = false)`);
  await prisma.$executeRawUnsafe(`ALTER TABLE "Incident" SET (autovacuum_enabled = false)`);
  // Past investigations, analyzed; then a storm's running ones that the statistics do not know of.
  const seed = (from: number, to: number, status: string, incidentStatus: string) =>
    prisma.$executeRawUnsafe(`
      WITH inc AS (
        INSERT INTO "Incident" ("id", "tenantId", "title", "description", "severity", "status", "source", "sourceAlertId",
                                "occurredAt", "firstSeenAt", "lastSeenAt", "assignedAgents", "createdAt", "updatedAt")
        SELECT 'inc_' || g, 'ten_1', 'T ' || g, '', 'high', '${incidentStatus}', 'custom', 'k' || g, now(), now(), now(), '{}', now(), now()
        FROM generate_series(${from}, ${to}) g RETURNING "id"
      )
      INSERT INTO "Investigation" ("id", "incidentId", "tenantId", "status", "trigger", "agents", "startedAt")
      SELECT 'inv_' || substr(id, 5), id, 'ten_1', '${status}', 'triage', '{}', now() FROM inc`);
  await seed(1, 3000, "completed", "resolved");
  await prisma.$executeRawUnsafe(`ANALYZE`);
  await seed(10_001, 10_400, "running", "investigating");
  // A storm of one alert name on 400 hosts: one title, two of its incidents resolved.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Incident" ("id", "tenantId", "title", "description", "severity", "status", "source", "sourceAlertId",
                            "occurredAt", "firstSeenAt", "lastSeenAt", "assignedAgents", "createdAt", "updatedAt")
    SELECT 'host_' || g, 'ten_1', 'HostHighCpu', '', 'high', CASE WHEN g <= 2 THEN 'resolved' ELSE 'investigating' END::"IncidentStatus",
           'alertmanager', 'host-' || g, now(), now(), now(), '{}', now() - (g || ' seconds')::interval, now()
    FROM generate_series(1, 400) g`);
  // The fix approved for the oldest of the storm, before it was resolved.
  await prisma.investigation.create({
    data: {
      id: "inv_host_400",
      incidentId: "host_400",
      tenantId: "ten_1",
      status: "completed",
      agents: [],
      remediationStatus: "approved",
      remediationTitle: "Raise the CPU limit",
      decidedAt: new Date(),
    },
  });
  await prisma.incident.update({ where: { id: "host_400" }, data: { status: "resolved" } });
});
afterAll(() => db.close());

/** Index scans and tuples read per index of the suite's schema, rows inserted into Activity, scans of the whole Incident table. */
async function reads() {
  const [indexes, tables] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ name: string; scans: bigint; read: bigint }[]>(
      `SELECT indexrelname::text AS name, idx_scan AS scans, idx_tup_read AS read FROM pg_stat_user_indexes WHERE schemaname = $1`,
      db.schema,
    ),
    db.prisma.$queryRawUnsafe<{ name: string; inserted: bigint; seq: bigint }[]>(
      `SELECT relname::text AS name, n_tup_ins AS inserted, seq_scan AS seq
       FROM pg_stat_user_tables WHERE schemaname = $1 AND relname IN ('Activity', 'Incident')`,
      db.schema,
    ),
  ]);
  const table = (name: string) => tables.find((t) => t.name === name);
  return {
    index: Object.fromEntries(indexes.map((r) => [r.name, { scans: Number(r.scans), read: Number(r.read) }])),
    activityInserted: Number(table("Activity")?.inserted ?? 0),
    incidentSeqScans: Number(table("Incident")?.seq ?? 0),
  };
}

describe("statusIs: hot statements reach their rows by id, whatever the statistics say", () => {
  it("completing running investigations reads neither status index, with a storm's worth running", async () => {
    const completions = Array.from({ length: 8 }, (_, k) => ({
      investigationId: `inv_${10_001 + k}`,
      tenantId: "ten_1",
      incidentId: `inc_${10_001 + k}`,
      rootCause: null,
      proposal: { title: "Restart", steps: ["restart"] },
      entries: [{ type: "investigation.completed", message: "done", data: {} }],
    }));
    const before = await reads();
    const completed = await reportingStatistics(db.prisma, (tx) => completeRunningInvestigations(tx, completions));
    expect(completed).toEqual(completions.map(() => true));
    // Once the statement's statistics are in (its 8 activity entries), the status indexes have read
    // nothing: a plan through them reads every running investigation, or every investigating
    // incident, for each batch.
    const after = await eventually(reads, (now) => now.activityInserted >= before.activityInserted + 8);
    expect(after.index.Investigation_status_startedAt_idx!.read).toBe(before.index.Investigation_status_startedAt_idx!.read);
    expect(after.index.Incident_status_createdAt_idx!.read).toBe(before.index.Incident_status_createdAt_idx!.read);
    expect(after.index.Investigation_pkey!.scans).toBeGreaterThan(before.index.Investigation_pkey!.scans);
  });
});

describe("the reads of a title's past incidents in a storm of it", () => {
  it("reads the resolved and closed incidents of the title and key only, not the storm's open ones", async () => {
    const incidents = await db.prisma.incident.findMany({
      where: { id: { in: ["host_100", "host_200"] } },
      orderBy: { id: "asc" },
    });
    const before = await reads();
    const past = await reportingStatistics(db.prisma, (tx) => readPastIncidentsOf(tx, incidents, 20));
    expect(past.map((list) => list.map((i) => i.id))).toEqual([
      ["host_1", "host_2", "host_400"],
      ["host_1", "host_2", "host_400"],
    ]);
    // Once the read's statistics are in, it has taken the three resolved incidents from the partial
    // index of past incidents, twice, and nothing else: the title's incidents of any status, or a
    // scan of the table, would be the 400 of the storm for every investigation.
    const after = await eventually(reads, (now) => titleReads(now) > titleReads(before));
    expect(readFrom(before, after, "incident_past_by_title")).toBe(6);
    expect(after.incidentSeqScans).toBe(before.incidentSeqScans);
  });

  it("the approved fix of the title's past incidents is found through the same index, under the storm's open ones", async () => {
    const incident = await db.prisma.incident.findUniqueOrThrow({ where: { id: "host_100" } });
    const before = await reads();
    const fixes = await reportingStatistics(db.prisma, (tx) => readPastFixesOf(tx, [incident], 1));
    expect(fixes.map((list) => list.map((v) => [v.id, v.remediationTitle]))).toEqual([[["inv_host_400", "Raise the CPU limit"]]]);
    // The three resolved incidents of the title, and nothing of the 397 open ones.
    const after = await eventually(reads, (now) => titleReads(now) > titleReads(before));
    expect(readFrom(before, after, "incident_past_by_title")).toBe(3);
    expect(after.incidentSeqScans).toBe(before.incidentSeqScans);
  });
});

describe("the correlator's read after a storm was resolved", () => {
  it("reads the open incidents of the window only, not the resolved ones before them", async () => {
    // The window holds the 3,000 resolved incidents first (the earliest), then the open ones.
    const incident = await db.prisma.incident.findUniqueOrThrow({ where: { id: "host_100" } });
    const hour = 3600_000;
    const window = { incident, from: new Date(Date.now() - hour), to: new Date(Date.now() + hour), take: 100 };
    const before = await reads();
    const concurrent = await reportingStatistics(db.prisma, (tx) => readConcurrentIncidentsOf(tx, [window]));
    expect(concurrent[0]).toHaveLength(100);
    expect(concurrent[0]!.every((i) => i.id.startsWith("inc_1"))).toBe(true);
    // Through the open incidents' index: the 100 it returns (and the old versions of the 8 the
    // first test moved: autovacuum is off here), none of the 3,000 resolved ones, which an index
    // of every incident by time walks through first.
    const openReads = (r: Reads) => (r.index.incident_open_by_time?.scans ?? 0) + r.incidentSeqScans;
    const after = await eventually(reads, (now) => openReads(now) > openReads(before));
    expect(readFrom(before, after, "incident_open_by_time")).toBeLessThanOrEqual(108);
    expect(after.incidentSeqScans).toBe(before.incidentSeqScans);
  });
});

type Reads = Awaited<ReturnType<typeof reads>>;
/** What a read of a title's incidents shows in the statistics: its index scanned, or the table. */
const titleReads = (r: Reads) => (r.index.incident_past_by_title?.scans ?? 0) + r.incidentSeqScans;
const readFrom = (before: Reads, after: Reads, index: string) =>
  (after.index[index]?.read ?? 0) - (before.index[index]?.read ?? 0);
