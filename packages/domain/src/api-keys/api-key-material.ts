import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "cflo_";

/** SHA-256 of a key: keys are long random strings, so a fast hash is safe and allows lookup by hash. */
export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex");
}

/** A new API key, its display prefix and hash, and the webhook secret issued with it. */
export function generateKeyMaterial(): { apiKey: string; prefix: string; keyHash: string; webhookSecret: string } {
  const apiKey = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return {
    apiKey,
    prefix: apiKey.slice(0, API_KEY_PREFIX.length + 8),
    keyHash: hashApiKey(apiKey),
    webhookSecret: `whsec_${randomBytes(32).toString("base64url")}`,
  };
}
