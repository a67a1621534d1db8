import { newId } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import type { NextFunction, Request, Response } from "express";
import { redactRequest } from "./redact-request";

declare module "http" {
  interface IncomingMessage {
    /** The request id: the caller's `X-Request-Id` when well formed, else a new one. */
    id: string;
    /** A logger bound to this request's id (made on first use). */
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,100}$/;
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * One log line per request, when it ends (issue 12: pino-http made two child loggers per
 * request, serializing the request into each, even at a level that logs nothing; a fifth of the
 * gateway's CPU per webhook). The line keeps pino-http's shape (`req`, `res`, `responseTime`,
 * plus `eventId` for a queued delivery) and is built only when its level is enabled; `req.log`
 * is made only by code that logs.
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID.test(given) ? given : newId("request");
    req.id = id;
    res.setHeader("X-Request-Id", id);
    let bound: Logger | undefined;
    Object.defineProperty(req, "log", { configurable: true, get: () => (bound ??= logger.child({ reqId: id })) });
    if (QUIET_PATHS.has(req.url)) return next();
    const started = process.hrtime.bigint();
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      const failed = res.statusCode >= 500 || !res.writableFinished;
      const level = failed ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        req: requestSummary(req),
        res: { statusCode: res.statusCode },
        responseTime: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.locals.eventId ? { eventId: res.locals.eventId as string } : {}),
      };
      logger[level](line, res.writableFinished ? "request completed" : "request aborted");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}

function requestSummary(req: Request) {
  return redactRequest({
    id: req.id,
    method: req.method,
    url: req.originalUrl,
    headers: req.headers,
    remoteAddress: req.socket?.remoteAddress,
  });
}
