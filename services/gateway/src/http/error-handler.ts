import { isInfrastructureError } from "@causeflow/db";
import { DomainError, type DomainErrorKind } from "@causeflow/domain";
import type { Logger } from "@causeflow/logger";
import { UrlNotAllowed } from "@causeflow/outbound";
import type { ErrorRequestHandler } from "express";
import { HttpError } from "./http-error";
import { UNSTORABLE_MESSAGE } from "./json-body";

/** Seconds a client should wait before retrying when a store is down. */
export const RETRY_AFTER_SECONDS = 5;

const STATUS_OF: Record<DomainErrorKind, number> = { not_found: 404, conflict: 409, invalid: 422 };

/** Turns every error into the contract's `{error, message}` body: domain errors by kind, stores down 503, the rest 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof HttpError) {
      res
        .set(error.headers)
        .status(error.status)
        .json({ error: error.code, message: error.message, ...error.extra });
      return;
    }
    if (error instanceof UrlNotAllowed) {
      res.status(422).json({ error: "url_not_allowed", message: error.message });
      return;
    }
    if (error instanceof DomainError) {
      res.status(STATUS_OF[error.kind]).json({ error: error.code, message: error.message, ...error.details });
      return;
    }
    const bodyError = error as { type?: string; status?: number };
    if (bodyError.type === "entity.too.large") {
      res.status(413).json({ error: "payload_too_large", message: "request body exceeds the size limit" });
      return;
    }
    if (bodyError.type === "entity.parse.failed" && (error as Error).message.includes(UNSTORABLE_MESSAGE)) {
      res.status(400).json({ error: "invalid_request", message: `request body: ${UNSTORABLE_MESSAGE}` });
      return;
    }
    if (bodyError.type === "entity.parse.failed") {
      res.status(400).json({ error: "invalid_json", message: "request body is not valid JSON" });
      return;
    }
    if (bodyError.type === "encoding.unsupported" || bodyError.type === "charset.unsupported") {
      res.status(415).json({ error: "unsupported_media_type", message: "unsupported Content-Encoding or charset" });
      return;
    }
    if (error instanceof URIError || (bodyError.status === 400 && /URI|decode/i.test(String((error as Error).message)))) {
      res.status(400).json({ error: "invalid_request", message: "the URL is not correctly %-encoded" });
      return;
    }
    if (typeof bodyError.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
      res.status(bodyError.status).json({ error: "invalid_request", message: "the request could not be read" });
      return;
    }
    if (isInfrastructureError(error)) {
      req.log?.warn({ err: error }, "store unavailable");
      res
        .set("Retry-After", String(RETRY_AFTER_SECONDS))
        .status(503)
        .json({ error: "unavailable", message: "a backing store is unreachable; retry later" });
      return;
    }
    (req.log ?? logger).error({ err: error }, "unhandled error");
    res.status(500).json({ error: "internal", message: "unexpected error" });
  };
}
