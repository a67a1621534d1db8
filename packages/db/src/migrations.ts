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

/** Creates the schema `?schema=` names, if missing (`prisma migrate deploy` applies migrations inside it). */
export async function ensureSchema(databaseUrl: string): Promise<void> {
  const { connectionString, schema } = splitDatabaseUrl(databaseUrl);
  if (schema === "public") return;
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
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

/**
 * Creates `schema` and applies every migration's SQL inside it. For tests, which give each suite
 * a schema of its own; production uses `npm run db:migrate` (`prisma migrate deploy`).
 */
export async function applyMigrationsToSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  const client = new Client({ connectionString: splitDatabaseUrl(databaseUrl).connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
    for (const name of await listMigrations()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      await client.query(sql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, ""));
    }
  } finally {
    await client.end();
  }
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
