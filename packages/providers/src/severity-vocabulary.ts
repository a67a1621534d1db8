import type { Severity } from "@causeflow/contracts";

/** The shared severity vocabulary of providers.md: word (lower case) → severity. */
const VOCABULARY: Record<Severity, readonly string[]> = {
  critical: ["critical", "crit", "fatal", "emergency", "page", "disaster", "p1", "sev0"],
  high: ["high", "error", "err", "major", "p2", "sev1"],
  medium: ["medium", "warning", "warn", "moderate", "average", "p3", "sev2"],
  low: ["low", "minor", "p4", "sev3"],
  info: ["info", "informational", "notice", "debug", "verbose", "none", "p5", "sev4"],
};

const LOOKUP: ReadonlyMap<string, Severity> = new Map(
  (Object.entries(VOCABULARY) as [Severity, readonly string[]][]).flatMap(([severity, words]) =>
    words.map((word) => [word, severity] as const),
  ),
);

/** Severity of a provider's free text or label, or undefined when the word is not in the vocabulary. A bare number is a priority (`2` → P2). */
export function severityFromText(value: unknown): Severity | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? LOOKUP.get(`p${value}`) : undefined;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  if (/^\d+$/.test(word)) return LOOKUP.get(`p${Number(word)}`);
  return LOOKUP.get(word);
}

export const DEFAULT_SEVERITY: Severity = "medium";
