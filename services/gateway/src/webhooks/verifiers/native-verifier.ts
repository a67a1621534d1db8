import type { NativeSignatureScheme } from "@causeflow/providers";

export interface NativeVerifyInput {
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The integration's signing secrets, decrypted (several during rotation). */
  secrets: readonly string[];
  /** Max age of a signed timestamp, in seconds; 0 turns the replay check off. */
  toleranceSeconds: number;
  /** Refuse a signature without its signed timestamp (Grafana's requireSignatureTimestamp). */
  requireTimestamp?: boolean;
  now: Date;
}

export type NativeVerifyResult = { ok: true } | { ok: false; reason: string };

/** One provider's own signature scheme, verified over the raw bytes in constant time. */
export type NativeVerifier = (input: NativeVerifyInput) => NativeVerifyResult;

export type NativeVerifierRegistry = Record<Exclude<NativeSignatureScheme, "sns">, NativeVerifier>;
