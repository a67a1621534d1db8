import { z } from "zod";

/** The incident lifecycle, in order. */
export const IncidentStatus = z.enum([
  "open",
  "triaging",
  "investigating",
  "awaiting_approval",
  "remediating",
  "resolved",
  "closed",
]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** Statuses in which an incident no longer deduplicates new alerts. */
export const TERMINAL_STATUSES: readonly IncidentStatus[] = ["resolved", "closed"];

/** Moves allowed besides resolved/closed (always allowed): each status to the next one. */
const FORWARD: Record<IncidentStatus, IncidentStatus | null> = {
  open: "triaging",
  triaging: "investigating",
  investigating: "awaiting_approval",
  awaiting_approval: "remediating",
  remediating: "resolved",
  resolved: "closed",
  closed: null,
};

/** `resolved`/`closed` are allowed from any status; other moves only one step along the lifecycle. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === to) return false;
  if (to === "resolved" || to === "closed") return from !== "closed";
  return FORWARD[from] === to;
}
