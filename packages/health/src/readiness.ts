import { pendingMigrations } from "@causeflow/db";

/** A dependency whose reachability decides readiness. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects with a message that says what is wrong, never where (no hosts). */
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
        return [name, error instanceof ReadinessFailure ? error.message : "unreachable"] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === "ok"), checks: Object.fromEntries(results) };
}

/** A failed check whose message is safe to show unauthenticated callers. */
export class ReadinessFailure extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessFailure(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks for the two stores every service needs. With `databaseUrl`, Postgres is ready only once
 * no migration is pending in the configured schema (checked until it first passes).
 */
export function storeChecks(deps: {
  redis: { ping: () => Promise<unknown> };
  prisma: { $queryRawUnsafe: (sql: string) => Promise<unknown> };
  databaseUrl?: string;
}): ReadinessCheck[] {
  let migrated = !deps.databaseUrl;
  return [
    { name: "redis", check: () => deps.redis.ping() },
    {
      name: "postgres",
      check: async () => {
        await deps.prisma.$queryRawUnsafe("SELECT 1");
        if (migrated) return;
        const pending = await pendingMigrations(deps.databaseUrl!);
        if (pending.length > 0) throw new ReadinessFailure(`${pending.length} migration(s) pending: run npm run db:migrate`);
        migrated = true;
      },
    },
  ];
}
