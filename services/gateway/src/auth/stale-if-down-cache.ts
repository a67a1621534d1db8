import { isInfrastructureError } from "@causeflow/db";
import { LRUCache } from "lru-cache";

/** How long a value may still be served while the database is down (it cannot change meanwhile: changes need the database). */
const STALE_FOR_MS = 24 * 3600 * 1000;

/**
 * A lookup cache for the webhook path: values are trusted for `ttlMs`, concurrent misses share
 * one load (single flight), and while Postgres is unreachable the last value loaded is served,
 * so intake keeps queueing alerts through a database outage. Only infrastructure errors fall
 * back; anything else is thrown.
 */
export class StaleIfDownCache<V extends object> {
  private readonly cache: LRUCache<string, V, () => Promise<V>>;

  constructor(ttlMs: number, max = 10_000) {
    this.cache = new LRUCache<string, V, () => Promise<V>>({
      max,
      ttl: ttlMs,
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  private readonly lastKnown = new LRUCache<string, V>({ max: 10_000, ttl: STALE_FOR_MS });

  async get(key: string, load: () => Promise<V>): Promise<V> {
    try {
      const value = (await this.cache.fetch(key, { context: load }))!;
      this.lastKnown.set(key, value);
      return value;
    } catch (error) {
      const known = this.lastKnown.get(key);
      if (known && isInfrastructureError(error)) return known;
      throw error;
    }
  }

  delete(key: string): void {
    this.cache.delete(key);
    this.lastKnown.delete(key);
  }

  clear(): void {
    this.cache.clear();
    this.lastKnown.clear();
  }
}
