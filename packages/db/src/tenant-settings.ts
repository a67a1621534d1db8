import { MetricsSettings, TriageSettings } from "@causeflow/contracts";
import { directSql } from "./direct-sql";
import type { PrismaClient, TenantSettings } from "@prisma/client";

export interface ResolvedTenantSettings {
  triage: TriageSettings;
  metrics: MetricsSettings;
  reopenWindowSeconds: number;
}

/** Every default applied (a tenant that set nothing gets the defaults). */
export function resolveTenantSettings(row: TenantSettings | null | undefined): ResolvedTenantSettings {
  return {
    triage: TriageSettings.parse(row?.triage ?? {}),
    metrics: MetricsSettings.parse(row?.metrics ?? {}),
    reopenWindowSeconds: row?.reopenWindowSeconds ?? 0,
  };
}

/** A tenant's settings with every default applied. */
export async function readTenantSettings(
  prisma: Pick<PrismaClient, "$queryRaw">,
  tenantId: string,
): Promise<ResolvedTenantSettings> {
  return (await readTenantSettingsOf(prisma, [tenantId])).get(tenantId)!;
}

/**
 * The settings of several tenants in one query, each with every default applied. Raw SQL: read
 * for every batch of alerts and of agent jobs (a model query costs ~3× the CPU, issue 12).
 */
export async function readTenantSettingsOf(
  prisma: Pick<PrismaClient, "$queryRaw">,
  tenantIds: readonly string[],
): Promise<Map<string, ResolvedTenantSettings>> {
  const unique = [...new Set(tenantIds)];
  const rows = await directSql(prisma).$queryRaw<
    TenantSettings[]
  >`SELECT * FROM "TenantSettings" WHERE "tenantId" = ANY(${unique}::text[])`;
  const byTenant = new Map(rows.map((row) => [row.tenantId, row]));
  return new Map(unique.map((tenantId) => [tenantId, resolveTenantSettings(byTenant.get(tenantId))]));
}
