import { MicroBatcher } from "@causeflow/domain";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimited } from "../http/http-error";

/** One request's place in its tenant's window: the count including it, and when the window ends. */
interface Counted {
  consumed: number;
  msBeforeNext: number;
}

/**
 * Per-tenant webhook rate limit, shared by every gateway instance through Redis. Requests that
 * arrive while an earlier count is in flight are counted together (issue 12): one Redis script per
 * tenant per batch instead of one per request, each request answered from its own place in the
 * count, so the limit, the headers and the 429s are what counting one by one gives.
 */
export class TenantRateLimiter {
  private readonly limiter: RateLimiterRedis;
  private readonly batcher = new MicroBatcher<string, Counted>((tenantIds) => this.count(tenantIds));

  constructor(
    redis: Redis,
    prefix: string,
    private readonly perMinute: number,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:ratelimit:webhooks`,
      points: perMinute,
      duration: 60,
    });
  }

  /** Counts one request; returns the X-RateLimit-* headers, or throws 429 with them. A store failure rejects (503 upstream). */
  async consume(tenantId: string): Promise<Record<string, string>> {
    const { consumed, msBeforeNext } = await this.batcher.submit(tenantId);
    const headers = {
      "X-RateLimit-Limit": String(this.perMinute),
      "X-RateLimit-Remaining": String(Math.max(0, this.perMinute - consumed)),
      "X-RateLimit-Reset": String(Math.ceil((Date.now() + msBeforeNext) / 1000)),
    };
    if (consumed <= this.perMinute) return headers;
    throw rateLimited(`more than ${this.perMinute} webhook requests per minute for this tenant`, {
      ...headers,
      "Retry-After": String(Math.max(1, Math.ceil(msBeforeNext / 1000))),
    });
  }

  /** Each tenant's requests of the batch counted at once; the k-th of n is at `consumed - n + k`. */
  private async count(tenantIds: string[]): Promise<Counted[]> {
    const requests = new Map<string, number>();
    for (const id of tenantIds) requests.set(id, (requests.get(id) ?? 0) + 1);
    const totals = new Map(await Promise.all([...requests].map(async ([id, n]) => [id, await this.add(id, n)] as const)));
    const placed = new Map<string, number>();
    return tenantIds.map((id) => {
      const k = (placed.get(id) ?? 0) + 1;
      placed.set(id, k);
      const total = totals.get(id)!;
      return { consumed: total.consumedPoints - requests.get(id)! + k, msBeforeNext: total.msBeforeNext };
    });
  }

  /** Adds n to the tenant's count; over the limit rate-limiter-flexible rejects with the same result. */
  private async add(tenantId: string, n: number): Promise<RateLimiterRes> {
    try {
      return await this.limiter.consume(tenantId, n);
    } catch (error) {
      if (error instanceof RateLimiterRes) return error;
      throw error;
    }
  }
}
