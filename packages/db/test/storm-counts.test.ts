import { TERMINAL_STATUSES, type IncidentStatus } from "@causeflow/contracts";
import { eventually } from "../../../test/support/eventually";
import { reportingStatistics } from "./reporting-statistics";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { countOpenIncidentsOnServices, type StormCount } from "../src/reads/storm-counts";
import { seedIncident } from "./seed-incident";

let db: TestDatabase;
const now = Date.now();
const minutesAgo = (m: number) => new Date(now - m * 60_000);

beforeAll(async () => {
  db = await createTestDatabase("storm_counts");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  await prisma.tenant.create({ data: { id: "ten_2", name: "globex" } });
  const incidents: [string, string, string, IncidentStatus, number][] = [
    ["web_1", "ten_1", "web", "open", 1],
    ["web_2", "ten_1", "web", "triaging", 2],
    ["web_3", "ten_1", "web", "investigating", 3],
    ["web_4", "ten_1", "web", "awaiting_approval", 4],
    ["web_5", "ten_1", "web", "remediating", 5],
    ["web_resolved", "ten_1", "web", "resolved", 2],
    ["web_closed", "ten_1", "web", "closed", 2],
    ["web_old_1", "ten_1", "web", "open", 20],
    ["web_old_2", "ten_1", "web", "triaging", 25],
    ["db_1", "ten_1", "db", "open", 1],
    ["other_web_1", "ten_2", "web", "open", 1],
  ];
  for (const [id, tenantId, service, status, minutes] of incidents) {
    await seedIncident(prisma, minutesAgo(minutes), {
      id,
      tenantId,
      service,
      status,
      sourceAlertId: id,
      createdAt: minutesAgo(minutes),
    });
  }
});
afterAll(() => db.close());

describe("a triage batch's storm counts, in one statement", () => {
  it("counts each tenant's open incidents on each service since each time, as Prisma counts them, up to a cap", async () => {
    const ask = (tenantId: string, service: string, minutes: number, cap = 1000): StormCount => ({
      tenantId,
      service,
      since: minutesAgo(minutes),
      cap,
    });
    const questions = [
      ask("ten_1", "web", 10),
      ask("ten_1", "web", 30),
      ask("ten_1", "web", 10, 3),
      ask("ten_1", "db", 10),
      ask("ten_1", "api", 10),
      ask("ten_2", "web", 10),
      ask("ten_1", "web", 10),
    ];
    const counts = await countOpenIncidentsOnServices(db.prisma, questions);
    expect(counts).toEqual([5, 7, 3, 1, 0, 1, 5]);
    const viaPrisma = (q: StormCount) =>
      db.prisma.incident.count({
        where: {
          tenantId: q.tenantId,
          service: q.service,
          status: { notIn: [...TERMINAL_STATUSES] },
          createdAt: { gte: q.since },
        },
      });
    const uncapped = questions.filter((q) => q.cap === 1000);
    expect(await countOpenIncidentsOnServices(db.prisma, uncapped)).toEqual(await Promise.all(uncapped.map(viaPrisma)));
    expect(await countOpenIncidentsOnServices(db.prisma, [])).toEqual([]);
  });

  it("reads the newest of the tenant's incidents until its cap, however large the storm", async () => {
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "Incident" ("id", "tenantId", "title", "description", "severity", "status", "source", "sourceAlertId", "service",
                              "occurredAt", "firstSeenAt", "lastSeenAt", "assignedAgents", "createdAt", "updatedAt")
      SELECT 'storm_' || g, 'ten_1', 'Checkout 5xx', '', 'high', 'triaging', 'custom', 'storm-' || g, 'checkout',
             now(), now(), now(), '{}', now(), now()
      FROM generate_series(1, 3000) g`);
    // As statistics read when the table is large (here, after the storm): a table that statistics
    // take for nearly empty is read whole and sorted, the window's incidents once per batch.
    await db.prisma.$executeRawUnsafe(`ANALYZE "Incident"`);
    const indexReads = async () => {
      const rows = await db.prisma.$queryRawUnsafe<{ read: bigint; scans: bigint }[]>(
        `SELECT idx_tup_read AS read, idx_scan AS scans FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = 'Incident_tenantId_createdAt_id_idx'`,
        db.schema,
      );
      return { read: Number(rows[0]!.read), scans: Number(rows[0]!.scans) };
    };
    const before = await indexReads();
    const counts = await reportingStatistics(db.prisma, (tx) =>
      countOpenIncidentsOnServices(tx, [{ tenantId: "ten_1", service: "checkout", since: minutesAgo(10), cap: 100 }]),
    );
    expect(counts).toEqual([100]);
    const after = await eventually(indexReads, (now) => now.scans > before.scans);
    expect(after.read - before.read).toBe(100);
  });
});
