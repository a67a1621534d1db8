/** A dependency whose reachability decides readiness. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, "ok" | string>;
}

/** Runs every check with a time limit; ready only when all pass. */
export async function runReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, "ok"] as const;
      } catch (error) {
        return [name, (error as Error).message || "unreachable"] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === "ok"), checks: Object.fromEntries(results) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Checks for the two stores every service needs. */
export function storeChecks(deps: {
  redis: { ping: () => Promise<unknown> };
  prisma: { $queryRawUnsafe: (sql: string) => Promise<unknown> };
}): ReadinessCheck[] {
  return [
    { name: "redis", check: () => deps.redis.ping() },
    { name: "postgres", check: () => deps.prisma.$queryRawUnsafe("SELECT 1") },
  ];
}
