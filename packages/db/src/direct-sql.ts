import { Prisma, type PrismaClient } from "@prisma/client";
import pg from "pg";

/** What runs raw SQL: a Prisma client, a transaction's client, or `directSql`'s runner. */
export type RawDb = Pick<PrismaClient, "$queryRaw">;

const runners = new WeakMap<object, RawDb>();

const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;
const INT8 = 20;
const INT8_ARRAY = 1016;

const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const arrayParser = pg.types.arrayParser as unknown as {
  create(source: string, transform: (value: string) => unknown): { parse(): unknown[] };
};

/**
 * Column types as Prisma's `$queryRaw` returns them: `timestamp` columns and arrays (Prisma's
 * DateTime, stored in UTC without a zone) as Dates in UTC, `bigint` and its arrays as BigInt; the rest as
 * node-postgres parses them (int4 and float8 numbers, json objects, text[] arrays, enums as strings).
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return utcTimestamp;
    if (oid === TIMESTAMP_ARRAY) return (value: string) => arrayParser.create(value, utcTimestamp).parse();
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY) return (value: string) => arrayParser.create(value, (item) => BigInt(item)).parse();
    return (pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, format);
  },
};

/** Values as Prisma sends them: Dates as UTC ISO text, in arrays too (node-postgres would write local time). */
function serialize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return Array.isArray(value) ? value.map(serialize) : value;
}

/** Called by createPrismaClient: the client's statements for `directSql`, run on its pool. */
export function registerPool(client: object, pool: pg.Pool): void {
  const run = async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
    const sql = Array.isArray(query) ? Prisma.sql(query as TemplateStringsArray, ...values) : (query as Prisma.Sql);
    const result = await pool.query({ text: sql.text, values: sql.values.map(serialize), types });
    return result.rows;
  };
  runners.set(client, { $queryRaw: run as unknown as RawDb["$queryRaw"] });
}

/**
 * The client's `$queryRaw` for a hot statement, run on its pool directly (issue 12): Prisma's
 * runtime costs ~0.17–0.45 ms of CPU per raw statement here on top of node-postgres's ~0.1. Same
 * SQL, parameters and row shapes. A transaction's client (or any client not made by
 * createPrismaClient) is returned as it is, so statements inside a transaction stay in it.
 */
export function directSql(db: RawDb): RawDb {
  return runners.get(db) ?? db;
}
