import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { directSql } from "../src/direct-sql";
import { seedIncident } from "./seed-incident";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("direct_sql");
  const now = new Date("2026-11-30T05:06:07.089Z");
  await db.prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  await seedIncident(db.prisma, now, {
    id: "inc_1",
    tenantId: "ten_1",
    assignedAgents: ["change_detector", "incident_correlator"],
    tags: { team: "payments", nested: { a: [1, 2] } },
  });
  await db.prisma.$executeRaw`INSERT INTO "ActivityCounter" ("tenantId", "last") VALUES ('ten_1', 9007199254740993)`;
});
afterAll(() => db.close());

describe("directSql: hot statements on the pool, as Prisma's $queryRaw returns them", () => {
  it("returns the same rows as $queryRaw: dates in UTC, bigint, json, text arrays, enums, nulls", async () => {
    const fast = directSql(db.prisma);
    expect(fast).not.toBe(db.prisma);
    const since = new Date("2026-11-30T00:00:00.000Z");
    const statements = [
      (q: typeof db.prisma.$queryRaw) => q`SELECT * FROM "Incident" WHERE "id" = ANY(${["inc_1"]}::text[])`,
      (q: typeof db.prisma.$queryRaw) => q`SELECT "tenantId", "last" FROM "ActivityCounter"`,
      (q: typeof db.prisma.$queryRaw) =>
        q`SELECT count(*)::int AS n, ${since.toISOString()}::timestamp AS t, ${since}::timestamp AS d, ${[since]}::timestamp[] AS ds, ARRAY[9007199254740993, NULL]::int8[] AS big, ${null}::text AS z, ${2.5}::float8 AS f FROM "Incident" WHERE "occurredAt" >= ${since.toISOString()}::timestamp`,
    ];
    for (const statement of statements) {
      const viaPrisma = await statement(db.prisma.$queryRaw.bind(db.prisma) as typeof db.prisma.$queryRaw);
      const direct = await statement(fast.$queryRaw as typeof db.prisma.$queryRaw);
      expect(direct).toEqual(viaPrisma);
    }
    const [incident] = await fast.$queryRaw<{ occurredAt: Date; tags: unknown }[]>`SELECT * FROM "Incident"`;
    expect(incident!.occurredAt.toISOString()).toBe("2026-11-30T05:06:07.089Z");
    const [counter] = await fast.$queryRaw<{ last: bigint }[]>`SELECT "last" FROM "ActivityCounter"`;
    expect(counter!.last).toBe(9007199254740993n);
  });

  it("inside a transaction, statements stay in it (the transaction's client is used as it is)", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        expect(directSql(tx)).toBe(tx);
        await directSql(tx).$queryRaw`UPDATE "Incident" SET "title" = 'rolled back' WHERE "id" = 'inc_1'`;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const [row] = await directSql(db.prisma).$queryRaw<{ title: string }[]>`SELECT "title" FROM "Incident" WHERE "id" = 'inc_1'`;
    expect(row!.title).toBe("API 5xx");
  });
});
