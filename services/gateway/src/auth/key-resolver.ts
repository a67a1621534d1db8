import type { PrismaClient } from "@causeflow/db";
import { hashApiKey, SCOPES, type Scope, type SecretBox } from "@causeflow/domain";
import { LRUCache } from "lru-cache";
import { StaleIfDownCache } from "./stale-if-down-cache";

export { SCOPES, type Scope };

/** An active API key as the gateway needs it. */
export interface ResolvedKey {
  keyId: string;
  tenantId: string;
  scopes: readonly Scope[];
  webhookSecret: string;
}

type CacheEntry = { key: ResolvedKey | null };

/** How long a lookup is trusted: a revoked key is refused by every instance within this time. */
export const KEY_CACHE_TTL_MS = 1000;
const LAST_USED_EVERY_MS = 60_000;

/**
 * Looks up API keys by hash, caching hits and misses for under a second, so a burst of alerts costs
 * one query while revocation still takes effect everywhere within a second; while Postgres is down
 * the last answer stands (a key cannot be revoked without the database).
 */
export class KeyResolver {
  private readonly cache = new StaleIfDownCache<CacheEntry>(KEY_CACHE_TTL_MS);
  private readonly lastUsedWritten = new LRUCache<string, true>({ max: 10_000, ttl: LAST_USED_EVERY_MS });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
    private readonly onError: (error: unknown) => void,
  ) {}

  async resolve(apiKey: string): Promise<ResolvedKey | null> {
    return this.resolveHash(hashApiKey(apiKey));
  }

  /** The active key with this hash (a console session keeps the hash, never the key). */
  async resolveHash(hash: string): Promise<ResolvedKey | null> {
    const entry = await this.cache.get(hash, async () => {
      const row = await this.prisma.apiKey.findUnique({ where: { keyHash: hash } });
      return {
        key:
          row && !row.revokedAt
            ? {
                keyId: row.id,
                tenantId: row.tenantId,
                scopes: row.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
                webhookSecret: this.secrets.open(row.webhookSecretEnc),
              }
            : null,
      };
    });
    if (entry.key) this.touch(entry.key.keyId);
    return entry.key;
  }

  /** Forget cached lookups at once on this instance (others expire within KEY_CACHE_TTL_MS). */
  invalidateAll(): void {
    this.cache.clear();
  }

  /** Records lastUsedAt at most once a minute per key, off the request path. */
  private touch(keyId: string): void {
    if (this.lastUsedWritten.has(keyId)) return;
    this.lastUsedWritten.set(keyId, true);
    this.prisma.apiKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date() } }).catch(this.onError);
  }
}
