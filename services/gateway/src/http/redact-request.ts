/** A logged request without an `apiKey` query parameter in any letter case. */
export function redactRequest<T extends { url?: string; query?: Record<string, unknown> }>(req: T): T {
  const url = req.url?.replace(/([?&]apikey=)[^&#]*/gi, "$1[redacted]");
  const query = req.query
    ? Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, /^apikey$/i.test(k) ? "[redacted]" : v]))
    : req.query;
  return { ...req, url, query };
}
