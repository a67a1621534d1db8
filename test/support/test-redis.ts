import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { Redis } from "ioredis";
import { TEST_REDIS_URL } from "./test-env";

/** A unique key prefix for one suite, and a helper to delete everything under it. */
export function uniquePrefix(label: string): string {
  return `cftest-${label}-${randomBytes(4).toString("hex")}`;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/** A command connection like the gateway's: fails fast when Redis is down. */
export async function connectRedis(url = TEST_REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  await once(redis, "ready");
  return redis;
}
