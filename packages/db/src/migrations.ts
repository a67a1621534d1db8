import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";

/** Folder of the Prisma migrations (same relative place from src/ and dist/). */
export const MIGRATIONS_DIR = path.join(__dirname, "..", "prisma", "migrations");

/** Migration folder names, oldest first. */
export async function listMigrations(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** A `DATABASE_URL` split into what node-postgres connects to and the Postgres schema (Prisma's `?schema=`, default `public`). */
export function splitDatabaseUrl(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") || "public";
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

/** Creates the database named in `databaseUrl` if it does not exist (`prisma migrate deploy` does not). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(splitDatabaseUrl(databaseUrl).connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database");
  url.pathname = "/postgres";
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    // Another process created it meanwhile (two services starting at once).
    if ((error as { code?: string }).code === "42P04") return false;
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Names of the migrations not yet recorded as applied by `prisma migrate deploy` in the schema the
 * URL selects (`?schema=`, else `public`): a schema without the table has every migration pending.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const all = await listMigrations();
  const { connectionString, schema } = splitDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass(format('%I._prisma_migrations', $1::text)) AS t", [schema]);
    if (!table.rows[0]?.t) return all;
    const done = await client.query(
      `SELECT migration_name FROM "${schema.replace(/"/g, '""')}"._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(done.rows.map((r: { migration_name: string }) => r.migration_name));
    return all.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

/** Prisma Migrate's bookkeeping table, created the same way so `prisma migrate deploy` and this runner agree. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every pending migration to the schema `?schema=` selects (default `public`), each in
 * its own transaction with its `_prisma_migrations` row (same format and checksum as Prisma
 * Migrate), under an advisory lock so two services starting at once do not race. Offline: no
 * migration engine is downloaded or started. Returns the names applied.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { connectionString, schema } = splitDatabaseUrl(databaseUrl);
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`SET search_path TO ${quoted}`);
    await client.query("SELECT pg_advisory_lock(hashtext('causeflow:migrate'))");
    await client.query(MIGRATIONS_TABLE);
    const done = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(done.rows.map((r: { migration_name: string }) => r.migration_name));
    const names: string[] = [];
    for (const name of await listMigrations()) {
      if (applied.has(name)) continue;
      const sql = await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, ""));
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      names.push(name);
    }
    return names;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('causeflow:migrate'))").catch(() => undefined);
    await client.end();
  }
}

/** A fresh schema with every migration applied: what each test suite works in. */
export async function applyMigrationsToSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  await dropSchema(databaseUrl, schema);
  const url = new URL(databaseUrl);
  url.searchParams.set("schema", schema);
  await applyMigrations(url.toString());
}

/** Drops a schema made by applyMigrationsToSchema. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: splitDatabaseUrl(databaseUrl).connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
