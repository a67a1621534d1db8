#!/usr/bin/env node
// `npm run db:migrate`: creates the database and schema if missing, then applies pending migrations
// (packages/db/src/migrations.ts: the same SQL files and bookkeeping as `prisma migrate deploy`,
// without starting a migration engine, so it works offline and takes well under a second).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { applyMigrations, ensureDatabase } = require("../dist/migrations.js");

const databaseUrl = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/causeflow";
const shown = databaseUrl.replace(/\/\/[^@/]*@/, "//***@");

try {
  if (await ensureDatabase(databaseUrl)) console.log(`db:migrate: created database (${shown})`);
} catch (error) {
  console.error(`db:migrate: cannot reach PostgreSQL at ${shown}: ${error.message}`);
  process.exit(1);
}
try {
  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length ? `db:migrate: applied ${applied.join(", ")}` : "db:migrate: database is up to date");
} catch (error) {
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
}
