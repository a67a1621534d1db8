import { z } from "zod";
import { StringMap, Timestamp } from "./common";

/** A deploy or config change as `POST /v1/changes` takes it (contract §5). */
export const ChangeInput = z.object({
  service: z.string().trim().min(1).max(200),
  environment: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  url: z.url().max(2000).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type ChangeInput = z.infer<typeof ChangeInput>;

export const Change = z.strictObject({
  changeId: z.string(),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  occurredAt: Timestamp,
  source: z.string(),
  createdAt: Timestamp,
});
export type Change = z.infer<typeof Change>;

export const GitHubChangeRecorded = z.strictObject({ outcome: z.literal("recorded"), ...Change.shape });
export const GitHubIgnored = z.strictObject({ outcome: z.literal("ignored"), reason: z.string() });

export const RunbookBody = z.object({
  title: z.string().trim().min(1).max(300),
  match: z
    .object({
      service: z.string().trim().min(1).max(200).optional(),
      titlePattern: z
        .string()
        .max(200)
        .refine(isRegularExpression, "must be a valid regular expression")
        .optional()
        .describe("a regular expression (RE2 syntax: no backreferences or lookaround), matched case-insensitively"),
      tags: StringMap.optional(),
    })
    .default({}),
  steps: z.array(z.string().trim().min(1).max(2000)).min(1).max(50),
});
export type RunbookBody = z.infer<typeof RunbookBody>;

export const Runbook = z.strictObject({
  runbookId: z.string(),
  title: z.string(),
  match: z.strictObject({ service: z.string().optional(), titlePattern: z.string().optional(), tags: StringMap }),
  steps: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Runbook = z.infer<typeof Runbook>;
export const RunbookList = z.strictObject({ items: z.array(Runbook) });

/** Syntax only (nothing is matched here); whether it runs in linear time is checked with RE2 where it is saved. */
function isRegularExpression(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export type GitHubChangeRecorded = z.infer<typeof GitHubChangeRecorded>;
export type GitHubIgnored = z.infer<typeof GitHubIgnored>;
export type RunbookList = z.infer<typeof RunbookList>;
