import { z } from "zod";

/** A string or number field as a trimmed string (ids, priorities); unset when absent or empty. */
export const textField = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .optional();

/** A flat string map from labels/properties whose values may be numbers or booleans (null dropped). */
export const labelMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .optional()
  .transform((m) =>
    Object.fromEntries(
      Object.entries(m ?? {})
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, String(v)]),
    ),
  );

/** The value, or undefined when it is an empty string. */
export function present(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value.trim() === "" ? undefined : value;
}

/** A required id that may arrive as a string or a number; always a non-empty string. */
export const requiredId = z
  .union([z.string(), z.number()], { error: "is required (a string or number id)" })
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, "must not be empty"));
