import { randomBytes } from "node:crypto";

/** Prefixes of CauseFlow's ids, so an id says what it names. */
export const ID_PREFIX = {
  tenant: "ten",
  apiKey: "key",
  incident: "inc",
  event: "evt",
  timeline: "tl",
  request: "req",
  change: "chg",
  runbook: "rb",
  investigation: "inv",
  evidence: "evd",
  silence: "sil",
  channel: "chn",
  delivery: "dlv",
} as const;

/** A random id with a readable prefix, e.g. `inc_3kTqv7Hn2xYp9bWc`. */
export function newId(kind: keyof typeof ID_PREFIX): string {
  return `${ID_PREFIX[kind]}_${randomBytes(12).toString("base64url")}`;
}
