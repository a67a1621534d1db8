import { Prisma } from "@prisma/client";

/**
 * A statement that joins several tables returns one row with every table's columns; these keep
 * them apart. `joinedColumns` selects `alias."field" AS "part.field"` for each field, `byPrefix` splits
 * a row by those parts (the unaliased columns under ""), each with Prisma's own field names.
 */
export const joinedColumns = (alias: string, part: string, fields: readonly string[]): Prisma.Sql =>
  Prisma.raw(fields.map((field) => `${alias}."${field}" AS "${part}.${field}"`).join(", "));

/** A joined row's columns by the prefix of their alias (`entry.seq` → entry.seq); the unprefixed under "". */
export function byPrefix(row: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const parts: Record<string, Record<string, unknown>> = { "": {} };
  for (const [key, value] of Object.entries(row)) {
    const dot = key.indexOf(".");
    const [part, field] = dot < 0 ? ["", key] : [key.slice(0, dot), key.slice(dot + 1)];
    (parts[part] ??= {})[field] = value;
  }
  return parts;
}
