import { MetricsSettings, TriageSettings } from "@causeflow/contracts";
import type { PrismaClient } from "@prisma/client";

export interface ResolvedTenantSettings {
  triage: TriageSettings;
  metrics: MetricsSettings;
  reopenWindowSeconds: number;
}

/** A tenant's settings with every default applied (a tenant that set nothing gets the defaults). */
export async function readTenantSettings(prisma: PrismaClient, tenantId: string): Promise<ResolvedTenantSettings> {
  const row = await prisma.tenantSettings.findUnique({ where: { tenantId } });
  return {
    triage: TriageSettings.parse(row?.triage ?? {}),
    metrics: MetricsSettings.parse(row?.metrics ?? {}),
    reopenWindowSeconds: row?.reopenWindowSeconds ?? 0,
  };
}
