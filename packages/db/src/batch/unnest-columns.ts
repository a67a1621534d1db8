/**
 * Column arrays for `unnest(…)`: one array per field of the rows, in row order. A batched
 * statement sends every row as a few text arrays (one bind parameter each), whatever the batch size.
 */
export function columnsOf<R>(rows: readonly R[]) {
  return <K extends keyof R>(key: K, as: (value: R[K]) => unknown = (value) => value): unknown[] =>
    rows.map((row) => as(row[key]));
}

export const iso = (date: Date): string => date.toISOString();
export const json = (value: unknown): string => JSON.stringify(value);
