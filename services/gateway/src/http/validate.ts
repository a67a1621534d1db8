import { formatPath } from "@causeflow/providers";
import type { z } from "zod";
import { HttpError } from "./http-error";

/** Parses a request part with a zod schema; 400 invalid_request with each issue's path otherwise. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what = "request body"): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  throw new HttpError(400, "invalid_request", `${what} is not valid`, { issues });
}
