import type { NormalizedAlert, SilenceMatcher } from "@causeflow/contracts";
import { compileLinearPattern } from "../patterns/linear-pattern";

/** An alert as silences see it: its normalized fields and the provider it came from. */
export interface SilenceSubject {
  alert: NormalizedAlert;
  source: string;
}

/** A compiled matcher: a regular expression matches the whole value, as in Alertmanager (RE2, linear time). */
export type MatchFn = (subject: SilenceSubject) => boolean;

function valueOf(field: string, { alert, source }: SilenceSubject): string {
  if (field.startsWith("tag:")) return alert.tags[field.slice(4)] ?? "";
  switch (field) {
    case "title":
      return alert.title;
    case "service":
      return alert.service ?? "";
    case "environment":
      return alert.environment ?? "";
    case "severity":
      return alert.severity;
    case "source":
      return source;
    default:
      return "";
  }
}

/** Compiles one matcher; throws InvalidPattern (422) for a =~/!~ value RE2 cannot run. */
export function compileMatcher(matcher: SilenceMatcher): MatchFn {
  const { field, op, value } = matcher;
  if (op === "=") return (s) => valueOf(field, s) === value;
  if (op === "!=") return (s) => valueOf(field, s) !== value;
  const pattern = compileLinearPattern(`^(?:${value})$`);
  return op === "=~" ? (s) => pattern.test(valueOf(field, s)) : (s) => !pattern.test(valueOf(field, s));
}
