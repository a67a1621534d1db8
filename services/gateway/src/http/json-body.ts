import { isStorableText } from "@causeflow/providers";
import express from "express";
import { HttpError } from "./http-error";

const JSON_TYPES = /^application\/([\w.+-]+\+)?json$/i;
const TEXT_PLAIN = /^text\/plain$/i;

/** 415 unless the Content-Type is JSON (or text/plain carrying JSON, as SNS sends). */
export function assertJsonMediaType(contentType: string | undefined): void {
  const type = (contentType ?? "").split(";")[0]!.trim();
  if (JSON_TYPES.test(type) || TEXT_PLAIN.test(type)) return;
  throw new HttpError(
    415,
    "unsupported_media_type",
    `Content-Type must be application/json (or text/plain carrying JSON), got '${type || "none"}'`,
  );
}

/** The body parsed as JSON, or 400 invalid_json. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "invalid_json", "request body is not valid JSON");
  }
}

export const UNSTORABLE_MESSAGE = "strings must not contain U+0000 or unpaired surrogates";

/**
 * The JSON body parser of the REST API: a body whose strings Postgres could not store is a 400,
 * never a 500 (alerts are made storable instead: see packages/providers storable.ts).
 */
export function jsonBody(limit = "64kb") {
  return express.json({
    limit,
    reviver: (key, value) => {
      if ((typeof value === "string" && !isStorableText(value)) || !isStorableText(key))
        throw new SyntaxError(UNSTORABLE_MESSAGE);
      return value;
    },
  });
}
