import type { PrismaClient } from "@causeflow/db";
import { settingsOf, type IntegrationSettings, type SecretBox } from "@causeflow/domain";
import { LRUCache } from "lru-cache";
import { KEY_CACHE_TTL_MS } from "../auth/key-resolver";

/** Settings with the signing secrets decrypted, as the webhook pipeline needs them. */
export interface ActiveIntegration extends IntegrationSettings {
  signingSecrets: readonly string[];
}

/** Integration settings by (tenant, provider), cached as briefly as API keys. */
export class IntegrationSettingsCache {
  private readonly cache = new LRUCache<string, ActiveIntegration>({ max: 10_000, ttl: KEY_CACHE_TTL_MS });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
  ) {}

  async get(tenantId: string, provider: string): Promise<ActiveIntegration> {
    const cacheKey = `${tenantId}:${provider}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const row = await this.prisma.integration.findUnique({ where: { tenantId_provider: { tenantId, provider } } });
    const settings = settingsOf(row);
    const active = { ...settings, signingSecrets: settings.signingSecretsEnc.map((s) => this.secrets.open(s)) };
    this.cache.set(cacheKey, active);
    return active;
  }

  invalidate(tenantId: string, provider: string): void {
    this.cache.delete(`${tenantId}:${provider}`);
  }
}
