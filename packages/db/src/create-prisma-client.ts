import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { registerPool } from "./direct-sql";
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
  const pool = new pg.Pool({
    connectionString: split.connectionString,
    max: maxConnections,
    connectionTimeoutMillis: 5_000,
    // Raw SQL names tables without a schema: every connection searches the selected one.
    options: `-c search_path="${schemaName.replace(/"/g, '""')}"`,
  });
  releaseDeadConnections(pool);
  const adapter = new PrismaPg(pool, { ...(schemaName !== "public" ? { schema: schemaName } : {}), disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  registerPool(client, pool);
  return client;
}

/**
 * A connection that dies while checked out (Postgres crashed mid-transaction) is released with its
 * error: the adapter would otherwise keep it checked out for good (its ROLLBACK fails, so it never
 * releases it), the pool would shrink with every outage, and `$disconnect` would wait forever.
 */
export function releaseDeadConnections(pool: pg.Pool): void {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_error: Error | undefined, client: pg.PoolClient) => checkedOut.delete(client));
  pool.on("connect", (client) => {
    // After the socket ended, once every error handler (pool.query's own included) has had its turn.
    client.on("end", () =>
      setImmediate(() => {
        if (!checkedOut.has(client)) return;
        checkedOut.delete(client);
        try {
          client.release(new Error("connection ended while checked out"));
        } catch {
          // released meanwhile by its user
        }
      }),
    );
  });
  pool.on("error", () => undefined);
}
