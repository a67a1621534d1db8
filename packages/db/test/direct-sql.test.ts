import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { directSql, StatementNames } from "../src/direct-sql";
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

  it("prepares each statement once per connection, named after its text", async () => {
    const fast = directSql(db.prisma);
    await fast.$queryRaw`SELECT "title" FROM "Incident" WHERE "id" = ${"inc_1"}`;
    // The pool hands the last released connection out again: this read runs where the one above did.
    const prepared = await fast.$queryRaw<
      { name: string; statement: string }[]
    >`SELECT name, statement FROM pg_prepared_statements`;
    expect(prepared).toContainEqual({
      name: expect.stringMatching(/^causeflow_[0-9a-f]{20}$/),
      statement: 'SELECT "title" FROM "Incident" WHERE "id" = $1',
    });
  });

  it("runs a prepared SELECT * again after a migration changed its table's columns", async () => {
    const fast = directSql(db.prisma);
    await db.prisma.$executeRawUnsafe(`CREATE TABLE "Scratch" ("id" text PRIMARY KEY)`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Scratch" VALUES ('s1')`);
    const read = () => fast.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Scratch" WHERE "id" = ${"s1"}`;
    expect(await read()).toEqual([{ id: "s1" }]);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Scratch" ADD COLUMN "added" text DEFAULT 'yes'`);
    // PostgreSQL refuses the statement prepared before ("cached plan must not change result type").
    expect(await read()).toEqual([{ id: "s1", added: "yes" }]);
    expect(await read()).toEqual([{ id: "s1", added: "yes" }]);
  });
});

describe("StatementNames", () => {
  it("names the same text the same, different texts differently, and none beyond its limit", () => {
    const names = new StatementNames(2);
    const first = names.of("SELECT 1");
    expect(first).toMatch(/^causeflow_[0-9a-f]{20}$/);
    expect(names.of("SELECT 1")).toBe(first);
    const second = names.of("SELECT 2");
    expect(second).not.toBe(first);
    expect(names.of("SELECT 3")).toBeUndefined();
    expect(names.of("SELECT 2")).toBe(second);
  });
});
