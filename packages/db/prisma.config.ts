import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads env("DATABASE_URL"); a default keeps `prisma generate` working without one.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/causeflow";
const url = new URL(process.env.DATABASE_URL);
// Prisma's `?schema=name` convention: node-postgres ignores it, so the adapter is told the schema.
const schema = url.searchParams.get("schema") || undefined;
url.searchParams.delete("schema");

// engine "js" with a driver adapter: the CLI needs no native engine download (works offline).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "prisma", "schema.prisma"),
  migrations: { path: path.join(__dirname, "prisma", "migrations") },
  // search_path too: the schema engine creates its own table (_prisma_migrations) without a schema name.
  adapter: async () =>
    new PrismaPg(
      { connectionString: url.toString(), ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {}) },
      schema ? { schema } : undefined,
    ),
});
