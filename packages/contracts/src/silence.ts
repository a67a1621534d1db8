import { z } from "zod";

/** What a silence matcher compares: an alert field, or `tag:<name>` (contract §9). */
export const SilenceField = z.union([
  z.enum(["title", "service", "environment", "severity", "source"]),
  z.string().regex(/^tag:.{1,200}$/, "a field is title, service, environment, severity, source or tag:<name>"),
]);

/** `=` equal, `!=` not equal, `=~` matches, `!~` does not match (RE2, whole value, like Alertmanager). */
export const SilenceOp = z.enum(["=", "!=", "=~", "!~"]);

export const SilenceMatcher = z.object({ field: SilenceField, op: SilenceOp, value: z.string().max(1000) });
export type SilenceMatcher = z.infer<typeof SilenceMatcher>;

export const SilenceMatchers = z.array(SilenceMatcher).min(1).max(20);
