import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { failDelivery, recordDeliveryAttempts } from "../src/delivery-attempts";
import { NOTIFIED_INCIDENT_FIELDS, NOTIFIED_INVESTIGATION_FIELDS, readDeliveriesToSend } from "../src/reads/delivery-reads";
import { seedIncident, seedInvestigation } from "./seed-incident";

let db: TestDatabase;
const at = (iso: string) => new Date(iso);
const pick = <T extends object>(row: T, fields: readonly (keyof T)[]) => Object.fromEntries(fields.map((f) => [f, row[f]]));

beforeAll(async () => {
  db = await createTestDatabase("delivery_reads");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  await seedIncident(prisma, at("2026-11-30T05:00:00.000Z"), { id: "inc_1", tenantId: "ten_1" });
  await prisma.channel.create({
    data: {
      id: "chn_1",
      tenantId: "ten_1",
      name: "ops",
      type: "webhook",
      configEnc: "sealed",
      target: "https://hooks.example.com",
      events: ["incident.created"],
      fromSeq: 0n,
    },
  });
  await prisma.activity.create({
    data: {
      tenantId: "ten_1",
      seq: 9007199254740993n,
      type: "incident.created",
      incidentId: "inc_1",
      actorKind: "provider",
      actorId: "custom",
      message: "Incident opened",
      data: { severity: "high", nested: { a: [1, 2] } },
      occurredAt: at("2026-11-30T05:00:00.123Z"),
    },
  });
  for (const [id, seq] of [
    ["chn_1-9007199254740993", 9007199254740993n],
    ["chn_1-gone", 7n],
    ["chn_1-other", 8n],
  ] as const) {
    await prisma.delivery.create({
      data: {
        id,
        tenantId: "ten_1",
        channelId: "chn_1",
        activitySeq: seq,
        activityType: "incident.created",
        incidentId: "inc_1",
      },
    });
  }
  for (const [id, startedAt] of [
    ["inv_old", "2026-11-30T05:01:00.000Z"],
    ["inv_new", "2026-11-30T05:02:00.000Z"],
  ] as const) {
    await seedInvestigation(prisma, at(startedAt), {
      id,
      incidentId: "inc_1",
      tenantId: "ten_1",
      rootCauseSummary: `deploy before ${id}`,
      rootCauseConfidence: 0.8,
      remediationStatus: "proposed",
      remediationTitle: "Roll back",
      remediationSteps: ["roll back", "watch 5xx"],
    });
  }
});
afterAll(() => db.close());

const readOne = async (id: string) => {
  const rows = await readDeliveriesToSend(db.prisma, [id]);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0] ?? null;
};

describe("the notifications job's reads and writes, as Prisma's model queries return and write them", () => {
  it("a delivery with its channel, its entry, the entry's incident and latest investigation, in one statement", async () => {
    const id = "chn_1-9007199254740993";
    const viaPrisma = await db.prisma.delivery.findUniqueOrThrow({ where: { id }, include: { channel: true } });
    const entry = await db.prisma.activity.findUniqueOrThrow({
      where: { tenantId_seq: { tenantId: "ten_1", seq: viaPrisma.activitySeq } },
    });
    const incident = await db.prisma.incident.findUniqueOrThrow({ where: { id: "inc_1" } });
    const investigation = await db.prisma.investigation.findFirstOrThrow({
      where: { incidentId: "inc_1" },
      orderBy: { startedAt: "desc" },
    });
    expect(investigation.id).toBe("inv_new");
    const { channel, ...delivery } = viaPrisma;
    expect(await readOne(id)).toEqual({
      ...delivery,
      channel: { enabled: channel.enabled, type: channel.type, configEnc: channel.configEnc },
      entry,
      incident: pick(incident, NOTIFIED_INCIDENT_FIELDS),
      investigation: pick(investigation, NOTIFIED_INVESTIGATION_FIELDS),
    });
  });

  it("its entry, incident and investigation null when there are none; null when there is no such delivery", async () => {
    expect(await readOne("chn_1-gone")).toMatchObject({
      id: "chn_1-gone",
      entry: null,
      incident: null,
      investigation: null,
    });
    expect(await readOne("chn_1-nothing")).toBeNull();
  });

  it("many deliveries in one statement: each as it is read alone, none for ids that do not exist", async () => {
    const ids = ["chn_1-nothing", "chn_1-gone", "chn_1-9007199254740993", "chn_1-gone"];
    const rows = await readDeliveriesToSend(db.prisma, ids);
    expect(rows.map((r) => r.id).sort()).toEqual(["chn_1-9007199254740993", "chn_1-gone"]);
    for (const row of rows) expect(row).toEqual(await readOne(row.id));
  });

  it("attempts count, keep a retried delivery pending, and record the outcome when final, many in one statement", async () => {
    const id = "chn_1-9007199254740993";
    const before = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    await recordDeliveryAttempts(db.prisma, [
      { deliveryId: id, status: null, responseStatus: 503, error: "HTTP 503" },
      { deliveryId: "chn_1-other", status: "failed", responseStatus: 404, error: "HTTP 404" },
    ]);
    const retried = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(retried).toMatchObject({
      status: "pending",
      attempts: 1,
      responseStatus: 503,
      lastError: "HTTP 503",
      deliveredAt: null,
    });
    expect(retried.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id: "chn_1-other" } })).toMatchObject({
      status: "failed",
      attempts: 1,
      responseStatus: 404,
      lastError: "HTTP 404",
      deliveredAt: null,
    });

    const sentAt = Date.now();
    await recordDeliveryAttempts(db.prisma, [{ deliveryId: id, status: "delivered", responseStatus: 200, error: null }]);
    const delivered = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200, lastError: null });
    expect(Math.abs(delivered.deliveredAt!.getTime() - sentAt)).toBeLessThan(60_000);
    await recordDeliveryAttempts(db.prisma, []);

    await failDelivery(db.prisma, "chn_1-gone", "the activity entry no longer exists");
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id: "chn_1-gone" } })).toMatchObject({
      status: "failed",
      attempts: 0,
      lastError: "the activity entry no longer exists",
    });
  });
});
