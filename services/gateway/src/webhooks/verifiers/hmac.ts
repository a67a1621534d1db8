import { createHmac, timingSafeEqual } from "node:crypto";

/** True when `hex` is the HMAC-SHA256 of `data` under one of `secrets` (constant-time per comparison). */
export function matchesAnyHmac(hex: string | undefined, data: Buffer, secrets: readonly string[]): boolean {
  if (!hex || !/^[0-9a-f]{64}$/i.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(data).digest();
    matched = timingSafeEqual(given, expected) || matched;
  }
  return matched;
}
