import { dedupKey } from "@causeflow/contracts";
import type { Redis } from "ioredis";

export interface AlertKey {
  tenantId: string;
  provider: string;
  sourceAlertId: string;
}

/**
 * The deduplication fast path: Redis SET NX per alert key. A claim that succeeds means "probably
 * new"; Postgres's unique index over open incidents is the authority either way.
 */
export class DedupCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** True when this caller is the first to see the key since it was last released or expired. */
  async claim(key: AlertKey): Promise<boolean> {
    const result = await this.redis.set(this.redisKey(key), "1", "EX", this.ttlSeconds, "NX");
    return result === "OK";
  }

  /** True while some alert holds the key's claim: its incident is open, or being opened (or the claim was left behind). */
  async isClaimed(key: AlertKey): Promise<boolean> {
    return (await this.redis.exists(this.redisKey(key))) === 1;
  }

  async release(key: AlertKey): Promise<void> {
    await this.redis.del(this.redisKey(key));
  }

  private redisKey({ tenantId, provider, sourceAlertId }: AlertKey): string {
    return dedupKey(this.prefix, tenantId, provider, sourceAlertId);
  }
}
