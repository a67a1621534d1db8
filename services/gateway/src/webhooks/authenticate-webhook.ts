import type { Request } from "express";
import { extractApiKey } from "../auth/extract-api-key";
import type { KeyResolver, ResolvedKey } from "../auth/key-resolver";
import { unauthorized } from "../http/http-error";

/** The `ingest` key of the tenant in the URL; one answer for every failure, so tenants and keys cannot be enumerated. */
export async function authenticateWebhook(keys: KeyResolver, req: Request, tenantId: string): Promise<ResolvedKey> {
  const apiKey = extractApiKey(req);
  const key = apiKey ? await keys.resolve(apiKey) : null;
  if (!key || key.tenantId !== tenantId || !key.scopes.includes("ingest")) {
    throw unauthorized("invalid_api_key", "missing or invalid API key for this tenant");
  }
  return key;
}
