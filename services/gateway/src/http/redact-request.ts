/** A logged request (pino-http's standard shape) without the `apiKey` query parameter. */
export function redactRequest<T extends { url?: string; query?: Record<string, unknown> }>(req: T): T {
  const url = req.url?.replace(/([?&]apiKey=)[^&#]*/gi, "$1[redacted]");
  const query = req.query && "apiKey" in req.query ? { ...req.query, apiKey: "[redacted]" } : req.query;
  return { ...req, url, query };
}
