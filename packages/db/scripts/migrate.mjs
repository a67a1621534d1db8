#!/usr/bin/env node
// `npm run db:migrate`: creates the database if missing, then applies pending migrations with
// `prisma migrate deploy` (skipped when none are pending, so restarts stay fast).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { ensureDatabase, ensureSchema, pendingMigrations } = require("../dist/migrations.js");

const databaseUrl = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/causeflow";
const shown = databaseUrl.replace(/\/\/[^@/]*@/, "//***@");

try {
  if (await ensureDatabase(databaseUrl)) console.log(`db:migrate: created database (${shown})`);
  await ensureSchema(databaseUrl);
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) {
    console.log("db:migrate: database is up to date");
    process.exit(0);
  }
  console.log(`db:migrate: applying ${pending.join(", ")}`);
} catch (error) {
  console.error(`db:migrate: cannot reach PostgreSQL at ${shown}: ${error.message}`);
  process.exit(1);
}

const result = spawnSync("npx", ["prisma", "migrate", "deploy"], {
  cwd: path.join(here, ".."),
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl },
});
process.exit(result.status ?? 1);
