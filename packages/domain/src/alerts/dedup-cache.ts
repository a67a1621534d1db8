import { dedupKey } from "@causeflow/contracts";
import type { Redis } from "ioredis";
import type { AlertContext } from "./alert-context";

export interface AlertKey {
  tenantId: string;
  provider: string;
  sourceAlertId: string;
}

/** The key an alert of a delivery is deduplicated by. */
export function alertKeyOf(ctx: Pick<AlertContext, "tenantId" | "provider" | "alert">): AlertKey {
  return { tenantId: ctx.tenantId, provider: ctx.provider, sourceAlertId: ctx.alert.sourceAlertId };
}

/**
 * The deduplication fast path: Redis SET NX per alert key. A claim that succeeds means "probably
 * new"; Postgres's unique index over open incidents is the authority either way. The claim holds
 * when its alert was received, so a resolve can tell a firing alert before it from one after it.
 */
export class DedupCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** True when this caller, an alert received at `receivedAt`, is the first to see the key since it was last released or expired. */
  async claim(key: AlertKey, receivedAt: Date): Promise<boolean> {
    const result = await this.redis.set(this.redisKey(key), String(receivedAt.getTime()), "EX", this.ttlSeconds, "NX");
    return result === "OK";
  }

  /**
   * True while the key is claimed by an alert received at `at` or before: its incident is open or
   * being opened (or the claim was left behind). An earlier release's claims hold "1": before any time.
   */
  async claimedBefore(key: AlertKey, at: Date): Promise<boolean> {
    const claim = await this.redis.get(this.redisKey(key));
    return claim !== null && Number(claim) <= at.getTime();
  }

  async release(key: AlertKey): Promise<void> {
    await this.redis.del(this.redisKey(key));
  }

  private redisKey({ tenantId, provider, sourceAlertId }: AlertKey): string {
    return dedupKey(this.prefix, tenantId, provider, sourceAlertId);
  }
}
