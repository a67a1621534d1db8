import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { HttpError } from "../http/http-error";

/** Per-tenant webhook rate limit, shared by every gateway instance through Redis. */
export class TenantRateLimiter {
  private readonly limiter: RateLimiterRedis;

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

  /** Counts one request; returns the X-RateLimit-* headers, or throws 429 with them. */
  async consume(tenantId: string): Promise<Record<string, string>> {
    try {
      return this.headers(await this.limiter.consume(tenantId));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error; // the store failed: 503 upstream
      const headers = { ...this.headers(error), "Retry-After": String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))) };
      throw new HttpError(
        429,
        "rate_limited",
        `more than ${this.perMinute} webhook requests per minute for this tenant`,
        {},
        headers,
      );
    }
  }

  private headers(res: RateLimiterRes): Record<string, string> {
    return {
      "X-RateLimit-Limit": String(this.perMinute),
      "X-RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
      "X-RateLimit-Reset": String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
    };
  }
}
