import { newId } from "@causeflow/contracts";
import type { Prisma } from "@prisma/client";

export interface TimelineInput {
  incidentId: string;
  /** created | duplicate | status_changed | triaged | agents_dispatched | … */
  kind: string;
  message: string;
  data?: Prisma.InputJsonObject;
}

/** Appends one entry to an incident's timeline (inside the caller's transaction when given one). */
export async function addTimelineEntry(
  db: Pick<Prisma.TransactionClient, "timelineEntry">,
  { incidentId, kind, message, data = {} }: TimelineInput,
): Promise<void> {
  await db.timelineEntry.create({ data: { id: newId("timeline"), incidentId, kind, message, data } });
}
