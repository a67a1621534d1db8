import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import {
  createPrismaClient,
  dropSchema,
  isDatabaseUnavailable,
  isInfrastructureError,
  listMigrations,
  pendingMigrations,
} from "../src";
import { runReadiness, storeChecks } from "../../health/src";
import { TEST_DATABASE_URL } from "../../../test/support/test-env";

const run = promisify(execFile);
const schema = `mig_${process.pid}`;
const url = `${TEST_DATABASE_URL}?schema=${schema}`;

afterAll(() => dropSchema(TEST_DATABASE_URL, schema));

describe("npm run db:migrate with ?schema= (documented in the README)", () => {
  it("applies every migration to that schema, and readiness waits for it", async () => {
    expect(await pendingMigrations(url)).toEqual(await listMigrations());
    const prisma = createPrismaClient({ databaseUrl: url });
    try {
      const before = await runReadiness(storeChecks({ redis: { ping: async () => "PONG" }, prisma, databaseUrl: url }));
      expect(before.ready).toBe(false);
      expect(before.checks.postgres).toMatch(/migration\(s\) pending: run npm run db:migrate/);

      const out = await run("node", [path.resolve(__dirname, "../scripts/migrate.mjs")], {
        env: { ...process.env, DATABASE_URL: url },
      });
      expect(out.stdout).toMatch(/applied/);
      expect(await pendingMigrations(url)).toEqual([]);
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const tables = await client.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'Incident'",
        [schema],
      );
      await client.end();
      expect(tables.rows[0].n).toBe(1);
      // The client reads and writes that schema.
      await prisma.tenant.create({ data: { id: "ten_mig", name: "m" } });
      expect(await prisma.tenant.count()).toBe(1);
      const after = await runReadiness(storeChecks({ redis: { ping: async () => "PONG" }, prisma, databaseUrl: url }));
      expect(after.ready).toBe(true);

      const again = await run("node", [path.resolve(__dirname, "../scripts/migrate.mjs")], {
        env: { ...process.env, DATABASE_URL: url },
      });
      expect(again.stdout).toMatch(/up to date/);
    } finally {
      await prisma.$disconnect();
    }
  }, 120_000);

  it("a database that does not exist is an outage (503), not a bug (500)", async () => {
    const missing = createPrismaClient({ databaseUrl: TEST_DATABASE_URL.replace(/\/[^/]+$/, "/causeflow_does_not_exist") });
    try {
      const error = await missing.tenant.count().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isInfrastructureError(error)).toBe(true);
    } finally {
      await missing.$disconnect();
    }
  });
});
