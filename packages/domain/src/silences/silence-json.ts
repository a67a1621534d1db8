import { SilenceMatchers } from "@causeflow/contracts";
import type { Silence as SilenceJson } from "@causeflow/contracts/http";
import type { Silence } from "@causeflow/db";

export function silenceState(s: Pick<Silence, "startsAt" | "endsAt" | "expiredAt">, now = new Date()): SilenceJson["state"] {
  if (s.expiredAt || s.endsAt <= now) return "expired";
  return s.startsAt > now ? "pending" : "active";
}

/** A silence as the API shows it (contract §9). */
export function silenceJson(s: Silence): SilenceJson {
  return {
    silenceId: s.id,
    matchers: SilenceMatchers.parse(s.matchers),
    startsAt: s.startsAt.toISOString(),
    endsAt: (s.expiredAt ?? s.endsAt).toISOString(),
    comment: s.comment,
    state: silenceState(s),
    createdBy: { kind: s.createdByKind, id: s.createdById },
    createdAt: s.createdAt.toISOString(),
  };
}
