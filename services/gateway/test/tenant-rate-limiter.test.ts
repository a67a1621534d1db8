import type { Redis } from "ioredis";
import { HttpError } from "../src/http/http-error";
import { TenantRateLimiter } from "../src/webhooks/tenant-rate-limiter";
import { connectRedis, deleteKeys, uniquePrefix } from "../../../test/support/test-redis";

describe("TenantRateLimiter", () => {
  const prefix = uniquePrefix("ratelimiter");
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis();
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it("counts a tenant's requests at once in one script, each answered from its own place in the count", async () => {
    const limiter = new TenantRateLimiter(redis, prefix, 3);
    const scripts = jest.spyOn(redis as unknown as { rlflxIncr: (...args: unknown[]) => unknown }, "rlflxIncr");
    const answers = await Promise.allSettled([1, 2, 3, 4, 5].map(() => limiter.consume("tenant-a")));
    const other = await limiter.consume("tenant-b");

    expect(scripts).toHaveBeenCalledTimes(2); // one for tenant-a's five, one for tenant-b
    const remaining = answers.map((a) => (a.status === "fulfilled" ? a.value["X-RateLimit-Remaining"] : "429"));
    expect(remaining).toEqual(["2", "1", "0", "429", "429"]);
    const limited = answers[3] as PromiseRejectedResult;
    expect(limited.reason).toBeInstanceOf(HttpError);
    expect((limited.reason as HttpError).status).toBe(429);
    expect(other["X-RateLimit-Remaining"]).toBe("2");
    // Rejected requests count too, as they did one by one.
    expect(await redis.get(`${prefix}:ratelimit:webhooks:tenant-a`)).toBe("5");
  });
});
