import { z } from "zod";

/** Every error body (contract preamble): a stable code, a sentence, optional fields. */
export const ErrorBody = z.looseObject({ error: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `{path, message}` of a body or query that does not match its schema (400 invalid_request). */
export const ValidationIssue = z.strictObject({ path: z.string(), message: z.string() });

export const Timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601, UTC");
export const NullableTimestamp = Timestamp.nullable();

/** A string map (tags, labels). */
export const StringMap = z.record(z.string(), z.string());

/** Any JSON object (raw payloads, agent details). */
export const JsonObject = z.record(z.string(), z.unknown());

export type ValidationIssue = z.infer<typeof ValidationIssue>;
export type Timestamp = z.infer<typeof Timestamp>;
export type NullableTimestamp = z.infer<typeof NullableTimestamp>;
export type StringMap = z.infer<typeof StringMap>;
export type JsonObject = z.infer<typeof JsonObject>;
