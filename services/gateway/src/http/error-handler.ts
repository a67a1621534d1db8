import type { Logger } from "@causeflow/logger";
import type { ErrorRequestHandler } from "express";
import { HttpError } from "./http-error";
import { isInfrastructureError } from "./infrastructure-error";

/** Seconds a client should wait before retrying when a store is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Turns every error into the contract's `{error, message}` body. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res
        .set(error.headers)
        .status(error.status)
        .json({ error: error.code, message: error.message, ...error.extra });
      return;
    }
    const bodyError = error as { type?: string; status?: number };
    if (bodyError.type === "entity.too.large") {
      res.status(413).json({ error: "payload_too_large", message: "request body exceeds the size limit" });
      return;
    }
    if (bodyError.type === "entity.parse.failed") {
      res.status(400).json({ error: "invalid_json", message: "request body is not valid JSON" });
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
