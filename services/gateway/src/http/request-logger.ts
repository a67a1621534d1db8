import { newId } from "@causeflow/contracts";
import { scrubHeaders, type Logger } from "@causeflow/logger";
import express, { type NextFunction, type Request, type Response } from "express";
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
const ROOT = Symbol("root logger");
const BOUND = Symbol("request logger");

type LoggedRequest = Request & { [ROOT]?: Logger; [BOUND]?: Logger };

// `req.log`, bound on first use: one getter on Express's request prototype rather than a property
// defined on every request (which costs a closure and a new hidden class per request).
Object.defineProperty(express.request, "log", {
  configurable: true,
  get(this: LoggedRequest): Logger | undefined {
    return (this[BOUND] ??= this[ROOT]?.child({ reqId: this.id }));
  },
});

/**
 * One log line per request, when it ends (issue 12: pino-http made two child loggers per
 * request, serializing the request into each, even at a level that logs nothing; a fifth of the
 * gateway's CPU per webhook). The line keeps pino-http's shape (`req`, `res`, `responseTime`,
 * plus `eventId` for a queued delivery) and is built only when its level is enabled; `req.log`
 * is made only by code that logs. The line is written without pino's redaction: every field of
 * it is built here, its headers scrubbed (scrubHeaders) and its URL's `apiKey` censored
 * (redactRequest), which costs a fraction of redaction's path walk per line.
 */
export function requestLogger(logger: Logger) {
  const lines = logger.child({}, { redact: [] });
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID.test(given) ? given : newId("request");
    req.id = id;
    (req as LoggedRequest)[ROOT] = logger;
    res.setHeader("X-Request-Id", id);
    if (QUIET_PATHS.has(req.url)) return next();
    const started = process.hrtime.bigint();
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      // An event stream ends when its client closes it: that is how a stream ends, not a failure.
      const streamClosed = !res.writableFinished && isEventStream(res);
      const failed = res.statusCode >= 500 || (!res.writableFinished && !streamClosed);
      const level = failed ? "error" : "info";
      if (!lines.isLevelEnabled(level)) return;
      const line = {
        req: requestSummary(req),
        res: { statusCode: res.statusCode },
        responseTime: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.locals.eventId ? { eventId: res.locals.eventId as string } : {}),
      };
      lines[level](line, res.writableFinished ? "request completed" : streamClosed ? "stream closed" : "request aborted");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}

const isEventStream = (res: Response) => String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");

function requestSummary(req: Request) {
  return redactRequest({
    id: req.id,
    method: req.method,
    url: req.originalUrl,
    headers: scrubHeaders(req.headers),
    remoteAddress: req.socket?.remoteAddress,
  });
}
