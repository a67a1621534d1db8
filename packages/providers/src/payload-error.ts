import type { PayloadIssue } from "@causeflow/contracts";
import type { z } from "zod";

/** The only error a parser throws: the payload does not match the provider's format. */
export class PayloadError extends Error {
  constructor(
    message: string,
    readonly issues: PayloadIssue[],
  ) {
    super(message);
    this.name = "PayloadError";
  }

  static fromZod(provider: string, error: z.ZodError): PayloadError {
    const issues = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    return new PayloadError(`payload does not match the ${provider} format`, issues);
  }

  static single(provider: string, path: string, message: string): PayloadError {
    return new PayloadError(`payload does not match the ${provider} format`, [{ path, message }]);
  }
}

/** `["alerts", 0, "labels"]` → `alerts[0].labels`; the root is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "$";
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`)).join("");
}
