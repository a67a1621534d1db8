import { RE2JS } from "re2js";
import { DomainError } from "../errors";

/** A tenant-supplied regular expression, compiled for RE2 semantics: matching takes linear time, whatever the input. */
export interface LinearPattern {
  source: string;
  test(text: string): boolean;
}

/** Thrown when a tenant's pattern cannot run in linear time (backreferences, lookaround) or does not parse: 422. */
export class InvalidPattern extends DomainError {
  constructor(pattern: string, reason: string) {
    super("invalid", "invalid_pattern", `pattern ${JSON.stringify(pattern)} cannot be used: ${reason}`, { pattern });
  }
}

/**
 * Compiles a tenant's pattern (runbook titles, silences) with RE2 (re2js): no backtracking, so
 * no pattern and no title can stall a worker. Throws InvalidPattern for what RE2 does not accept.
 */
export function compileLinearPattern(source: string, options: { caseInsensitive?: boolean } = {}): LinearPattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new InvalidPattern(source, (error as Error).message.replace(/^error parsing regexp: /, ""));
  }
  return { source, test: (text) => compiled.matcher(text).find() };
}
