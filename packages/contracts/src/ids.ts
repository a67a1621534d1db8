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

const ID_BYTES = 12;
/** Random bytes drawn from the CSPRNG 256 ids at a time (one system call, not one per id: issue 12). */
const POOL_BYTES = ID_BYTES * 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** A random id with a readable prefix, e.g. `inc_3kTqv7Hn2xYp9bWc` (96 random bits). */
export function newId(kind: keyof typeof ID_PREFIX): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `${ID_PREFIX[kind]}_${id}`;
}
