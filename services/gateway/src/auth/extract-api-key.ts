import type { Request } from "express";

/**
 * The tenant API key in any form of contract §1: `X-API-Key`, `Authorization: Bearer <key>`,
 * `Authorization: Basic base64("api_key:<key>")` (any user name), or `?apiKey=<key>`.
 */
export function extractApiKey(req: Request): string | undefined {
  const header = req.get("x-api-key");
  if (header) return header.trim();
  const authorization = req.get("authorization");
  if (authorization) {
    const [scheme, value = ""] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === "bearer" && value) return value;
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const password = colon === -1 ? decoded : decoded.slice(colon + 1);
      if (password) return password;
    }
  }
  const query = req.query.apiKey;
  return typeof query === "string" && query ? query : undefined;
}
