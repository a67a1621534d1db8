import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

export interface CreatePrismaClientOptions {
  databaseUrl: string;
  /** Postgres schema to use instead of `public` (tests give each suite its own). */
  schema?: string;
  /** Pool size; defaults to pg's 10. */
  maxConnections?: number;
}

/** A Prisma client over node-postgres (driver adapter: no native query engine needed). */
export function createPrismaClient({ databaseUrl, schema, maxConnections }: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: maxConnections, connectionTimeoutMillis: 5_000 },
    schema ? { schema } : undefined,
  );
  return new PrismaClient({ adapter });
}
