/** An error answered as `{error, message, ...extra}` with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const unauthorized = (code: "invalid_api_key" | "invalid_signature" | "unauthorized", message: string) =>
  new HttpError(401, code, message);
export const forbidden = (code: string, message: string) => new HttpError(403, code, message);
export const notFound = (code: string, message: string) => new HttpError(404, code, message);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new HttpError(409, code, message, extra);
/** 429 `rate_limited` (contract: the webhook rate limit's answer), with its Retry-After and any other headers. */
export const rateLimited = (message: string, headers: Record<string, string>) =>
  new HttpError(429, "rate_limited", message, {}, headers);
