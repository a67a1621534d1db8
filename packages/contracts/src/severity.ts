import { z } from "zod";

/** Incident severity, most to least urgent. */
export const Severity = z.enum(["critical", "high", "medium", "low", "info"]);
export type Severity = z.infer<typeof Severity>;

export const SEVERITIES: readonly Severity[] = Severity.options;
