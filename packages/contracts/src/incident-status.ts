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

export function isTerminal(status: IncidentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Moves a person may ask for besides resolved/closed (always allowed): each status to the next one. */
const FORWARD: Record<IncidentStatus, IncidentStatus | null> = {
  open: "triaging",
  triaging: "investigating",
  investigating: "awaiting_approval",
  awaiting_approval: "remediating",
  remediating: "resolved",
  resolved: "closed",
  closed: null,
};

/**
 * Moves only operations make, each for one reason: an investigation requested before triage
 * (open → investigating), a rejected remediation (awaiting_approval → investigating), a flapping
 * alert re-firing after its source resolved it (resolved → open, contract §9).
 */
const OPERATION_MOVES: readonly (readonly [IncidentStatus, IncidentStatus])[] = [
  ["open", "investigating"],
  ["awaiting_approval", "investigating"],
  ["resolved", "open"],
];

/**
 * The lifecycle rule every status change obeys. `manual` (PATCH): `resolved`/`closed` from any
 * status, other moves one step along the lifecycle (contract §3); `operation`: also the moves above.
 */
export function canTransition(from: IncidentStatus, to: IncidentStatus, by: "manual" | "operation" = "manual"): boolean {
  if (from === to) return false;
  if (to === "resolved" || to === "closed") return from !== "closed";
  if (FORWARD[from] === to) return true;
  return by === "operation" && OPERATION_MOVES.some(([f, t]) => f === from && t === to);
}
