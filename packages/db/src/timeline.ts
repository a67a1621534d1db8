import { newId } from "@causeflow/contracts";
import type { Prisma } from "@prisma/client";

export interface TimelineInput {
  incidentId: string;
  /** created | duplicate | status_changed | triaged | … */
  kind: string;
  message: string;
  data?: Prisma.InputJsonObject;
}

/** A timeline row to create, for nested writes (`timeline: { create: timelineRecord(...) }`). */
export function timelineRecord({ kind, message, data = {} }: Omit<TimelineInput, "incidentId">) {
  return { id: newId("timeline"), kind, message, data };
}

/** Appends one entry to an incident's timeline (inside the caller's transaction when given one). */
export async function addTimelineEntry(db: Pick<Prisma.TransactionClient, "timelineEntry">, input: TimelineInput): Promise<void> {
  await db.timelineEntry.create({ data: { incidentId: input.incidentId, ...timelineRecord(input) } });
}
