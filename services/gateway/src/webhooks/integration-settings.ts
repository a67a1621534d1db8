import type { PrismaClient } from "@causeflow/db";
import { settingsOf, type IntegrationSettings, type SecretBox } from "@causeflow/domain";
import { KEY_CACHE_TTL_MS } from "../auth/key-resolver";
import { StaleIfDownCache } from "../auth/stale-if-down-cache";

/** Settings with the signing secrets decrypted, as the webhook pipeline needs them. */
export interface ActiveIntegration extends IntegrationSettings {
  signingSecrets: readonly string[];
}

/** Integration settings by (tenant, provider), cached as briefly as API keys (and served while Postgres is down). */
export class IntegrationSettingsCache {
  private readonly cache = new StaleIfDownCache<ActiveIntegration>(KEY_CACHE_TTL_MS);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: SecretBox,
  ) {}

  async get(tenantId: string, provider: string): Promise<ActiveIntegration> {
    return this.cache.get(`${tenantId}:${provider}`, async () => {
      const row = await this.prisma.integration.findUnique({ where: { tenantId_provider: { tenantId, provider } } });
      const settings = settingsOf(row);
      return { ...settings, signingSecrets: settings.signingSecretsEnc.map((s) => this.secrets.open(s)) };
    });
  }

  invalidate(tenantId: string, provider: string): void {
    this.cache.delete(`${tenantId}:${provider}`);
  }
}
