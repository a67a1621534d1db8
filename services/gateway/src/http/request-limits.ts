import type { NextFunction, Request, Response } from "express";
import { HttpError } from "./http-error";

/** Longest URL answered normally; longer is 414. */
export const MAX_URL_LENGTH = 16 * 1024;
/** Most header bytes answered normally; more is 431 (Node's own limit is set higher, so this answer is readable). */
export const MAX_HEADER_BYTES = 64 * 1024;
/** Node's parser limit: above the limits here, so an oversized request gets a JSON answer rather than a reset socket. */
export const NODE_MAX_HEADER_SIZE = 256 * 1024;

/**
 * Rejects what no route can use, with the contract's error body: over-long URLs and headers, and
 * `%00` anywhere in the URL (no id, filter or key holds it; Postgres cannot store it).
 */
export function requestLimits(req: Request, _res: Response, next: NextFunction): void {
  if (req.url.length > MAX_URL_LENGTH)
    return next(new HttpError(414, "uri_too_long", `the URL exceeds ${MAX_URL_LENGTH} characters`));
  let headerBytes = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 1) headerBytes += req.rawHeaders[i]!.length + 2;
  if (headerBytes > MAX_HEADER_BYTES) {
    return next(new HttpError(431, "headers_too_large", `request headers exceed ${MAX_HEADER_BYTES} bytes`));
  }
  if (/%00/i.test(req.url)) return next(new HttpError(400, "invalid_request", "the URL must not contain %00"));
  next();
}
