import { z } from "zod";
import { Activity, ActivityType } from "../activity";

/** `types=a,b` as a list of known activity types. */
const TypeList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(ActivityType));

/** Query of `GET /v1/activity` and `/v1/activity/stream` (contract §7). */
export const ActivityQuery = z.object({
  since: z.coerce.number().int().min(0).optional().describe("entries after this activityId"),
  types: TypeList.optional().describe("comma-separated activity types"),
  incidentId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const ActivityPage = z.strictObject({
  items: z.array(Activity),
  nextCursor: z.string().nullable().describe("pass as since= for the next page"),
});
export { Activity };

export type ActivityPage = z.infer<typeof ActivityPage>;
