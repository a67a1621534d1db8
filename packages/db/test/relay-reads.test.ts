import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { createDeliveries, type NewDelivery } from "../src/create-deliveries";
import { hasDeliverySince, readEntriesToRelay } from "../src/reads/relay-reads";
import { seedIncident } from "./seed-incident";

let db: TestDatabase;
const at = new Date("2026-11-30T05:00:00.000Z");
const BIG = 9007199254740993n;

beforeAll(async () => {
  db = await createTestDatabase("relay_reads");
  const { prisma } = db;
  await prisma.tenant.createMany({
    data: [
      { id: "ten_1", name: "acme" },
      { id: "ten_2", name: "other" },
    ],
  });
  await seedIncident(prisma, at, { id: "inc_1", tenantId: "ten_1", severity: "critical" });
  const entry = { actorKind: "system" as const, message: "m", data: { a: 1 } };
  await prisma.activity.createMany({
    data: [
      { tenantId: "ten_1", seq: 1n, type: "incident.created", incidentId: "inc_1", ...entry },
      { tenantId: "ten_1", seq: 2n, type: "silence.created", incidentId: null, ...entry },
      { tenantId: "ten_1", seq: 3n, type: "incident.triaged", incidentId: "inc_gone", ...entry },
      { tenantId: "ten_1", seq: BIG, type: "incident.resolved", incidentId: "inc_1", ...entry },
      { tenantId: "ten_2", seq: 2n, type: "incident.created", incidentId: null, ...entry },
    ],
  });
  await prisma.channel.create({
    data: { id: "chn_1", tenantId: "ten_1", name: "ops", type: "webhook", configEnc: "sealed", target: "t", events: [] },
  });
});
afterAll(() => db.close());

describe("readEntriesToRelay", () => {
  it("reads a tenant's entries after the cursor up to the last, oldest first, with their incidents' severity", async () => {
    expect(await readEntriesToRelay(db.prisma, "ten_1", 1n, BIG, 10)).toEqual([
      { seq: 2n, type: "silence.created", incidentId: null, severity: null },
      { seq: 3n, type: "incident.triaged", incidentId: "inc_gone", severity: null },
      { seq: BIG, type: "incident.resolved", incidentId: "inc_1", severity: "critical" },
    ]);
    expect(await readEntriesToRelay(db.prisma, "ten_1", 0n, 3n, 2)).toEqual([
      { seq: 1n, type: "incident.created", incidentId: "inc_1", severity: "critical" },
      { seq: 2n, type: "silence.created", incidentId: null, severity: null },
    ]);
    expect(await readEntriesToRelay(db.prisma, "ten_1", BIG, BIG, 10)).toEqual([]);
  });
});

describe("createDeliveries", () => {
  const delivery = (seq: bigint, incidentId: string | null): NewDelivery => ({
    id: `chn_1-${seq}`,
    tenantId: "ten_1",
    channelId: "chn_1",
    activitySeq: seq,
    activityType: "incident.created",
    incidentId,
  });

  it("creates rows as Prisma's createMany does, and leaves one that exists as it is", async () => {
    const before = Date.now();
    expect(await createDeliveries(db.prisma, [delivery(BIG, "inc_1"), delivery(2n, null)])).toBe(2);
    await db.prisma.delivery.createMany({ data: [{ ...delivery(7n, "inc_1"), id: "via-prisma" }] });
    const rows = await db.prisma.delivery.findMany({ orderBy: { activitySeq: "asc" } });
    const [viaPrisma] = rows.filter((r) => r.id === "via-prisma");
    const ours = rows.find((r) => r.id === `chn_1-${BIG}`)!;
    const same = (row: typeof ours) => ({ ...row, id: null, activitySeq: null, createdAt: null, updatedAt: null });
    expect(same(ours)).toEqual(same(viaPrisma!));
    expect(ours.activitySeq).toBe(BIG);
    expect(ours).toMatchObject({ status: "pending", attempts: 0, incidentId: "inc_1" });
    // Stored in UTC, as Prisma stores it.
    expect(ours.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(ours.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    await db.prisma.delivery.update({ where: { id: `chn_1-${BIG}` }, data: { status: "delivered", attempts: 1 } });
    expect(await createDeliveries(db.prisma, [delivery(BIG, "inc_1"), delivery(8n, null)])).toBe(1);
    expect(await db.prisma.delivery.findUnique({ where: { id: `chn_1-${BIG}` } })).toMatchObject({
      status: "delivered",
      attempts: 1,
    });
    expect(await createDeliveries(db.prisma, [])).toBe(0);
  });
});

describe("hasDeliverySince", () => {
  it("finds a channel's delivery of a type for an incident created after the time, and nothing else", async () => {
    await db.prisma.delivery.create({
      data: {
        id: "chn_1-dup",
        tenantId: "ten_1",
        channelId: "chn_1",
        activitySeq: 99n,
        activityType: "incident.duplicate",
        incidentId: "inc_9",
        createdAt: new Date("2026-11-30T06:00:00.000Z"),
      },
    });
    const dup = { channelId: "chn_1", incidentId: "inc_9", activityType: "incident.duplicate" };
    expect(await hasDeliverySince(db.prisma, dup, new Date("2026-11-30T05:59:59.999Z"))).toBe(true);
    expect(await hasDeliverySince(db.prisma, dup, new Date("2026-11-30T06:00:00.000Z"))).toBe(false);
    expect(await hasDeliverySince(db.prisma, { ...dup, incidentId: "inc_2" }, new Date(0))).toBe(false);
    expect(
      await hasDeliverySince(db.prisma, { ...dup, activityType: "incident.created" }, new Date("2026-11-30T05:59:00.000Z")),
    ).toBe(false);
  });
});
