import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

export interface CreatePrismaClientOptions {
  databaseUrl: string;
  /** Postgres schema to use instead of `public` (tests give each suite its own); else `?schema=` of the URL. */
  schema?: string;
  /** Pool size; defaults to pg's 10. */
  maxConnections?: number;
}

/** A Prisma client over node-postgres (driver adapter: no native query engine needed). */
export function createPrismaClient({ databaseUrl, schema, maxConnections }: CreatePrismaClientOptions): PrismaClient {
  // Prisma's URL convention `?schema=name` selects the schema, as with Prisma's own engines.
  const url = new URL(databaseUrl);
  const schemaName = schema ?? (url.searchParams.get("schema") || undefined);
  url.searchParams.delete("schema");
  const adapter = new PrismaPg(
    { connectionString: url.toString(), max: maxConnections, connectionTimeoutMillis: 5_000 },
    schemaName ? { schema: schemaName } : undefined,
  );
  return new PrismaClient({ adapter });
}
