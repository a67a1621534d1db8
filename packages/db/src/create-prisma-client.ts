import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { splitDatabaseUrl } from "./migrations";

export interface CreatePrismaClientOptions {
  databaseUrl: string;
  /** Postgres schema to use instead of `public` (tests give each suite its own); else `?schema=` of the URL. */
  schema?: string;
  /** Pool size; defaults to pg's 10. */
  maxConnections?: number;
}

/** A Prisma client over node-postgres (driver adapter: no native query engine needed). */
export function createPrismaClient({ databaseUrl, schema, maxConnections }: CreatePrismaClientOptions): PrismaClient {
  const split = splitDatabaseUrl(databaseUrl);
  const schemaName = schema ?? split.schema;
  const adapter = new PrismaPg(
    {
      connectionString: split.connectionString,
      max: maxConnections,
      connectionTimeoutMillis: 5_000,
      // Raw SQL names tables without a schema: every connection searches the selected one.
      options: `-c search_path="${schemaName.replace(/"/g, '""')}"`,
    },
    schemaName !== "public" ? { schema: schemaName } : undefined,
  );
  return new PrismaClient({ adapter });
}
