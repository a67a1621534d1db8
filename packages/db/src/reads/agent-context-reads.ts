import { Prisma, type Incident, type Investigation, type TenantSettings } from "@prisma/client";
import { columnsOf } from "../batch/unnest-columns";
import { directSql, type RawDb as Db } from "../direct-sql";
import { resolveTenantSettings, type ResolvedTenantSettings } from "../tenant-settings";
import { byPrefix, joinedColumns } from "./joined-row";

/** Which agent run's context to read: its job's ids. */
export interface AgentContextKey {
  tenantId: string;
  incidentId: string;
  investigationId: string;
}

/** What an agent run reads before it starts. */
export interface AgentContext {
  incident: Incident;
  investigation: Investigation;
  settings: ResolvedTenantSettings;
}

const INCIDENT_FIELDS = Object.values(Prisma.IncidentScalarFieldEnum);
const INVESTIGATION_FIELDS = Object.values(Prisma.InvestigationScalarFieldEnum);
const SETTINGS_FIELDS = Object.values(Prisma.TenantSettingsScalarFieldEnum);

/**
 * The incident, investigation and tenant settings (every default applied) of many agent runs in
 * one statement (issue 12: three per batch before, the incidents' and investigations' reads then
 * the settings'). One per key, in order; null for a key whose incident or investigation does not
 * exist (not committed yet) or whose incident is not of that tenant.
 */
export async function readAgentContextsOf(db: Db, keys: readonly AgentContextKey[]): Promise<(AgentContext | null)[]> {
  if (keys.length === 0) return [];
  const col = columnsOf(keys);
  const rows = await directSql(db).$queryRaw<Record<string, unknown>[]>`
    SELECT w.ord AS "input.ord", ${joinedColumns("i", "incident", INCIDENT_FIELDS)},
           ${joinedColumns("v", "investigation", INVESTIGATION_FIELDS)}, ${joinedColumns("s", "settings", SETTINGS_FIELDS)}
    FROM unnest(${col("tenantId")}::text[], ${col("incidentId")}::text[], ${col("investigationId")}::text[])
      WITH ORDINALITY AS w(tenant_id, incident_id, investigation_id, ord)
    JOIN "Incident" i ON i."id" = w.incident_id AND i."tenantId" = w.tenant_id
    JOIN "Investigation" v ON v."id" = w.investigation_id
    LEFT JOIN "TenantSettings" s ON s."tenantId" = i."tenantId"`;
  const contexts: (AgentContext | null)[] = keys.map(() => null);
  for (const row of rows) {
    const { input, incident, investigation, settings } = byPrefix(row);
    // A list column a Prisma create left out is NULL, which Prisma reads as [].
    incident!.assignedAgents ??= [];
    investigation!.agents ??= [];
    contexts[Number(input!.ord) - 1] = {
      incident: incident as unknown as Incident,
      investigation: investigation as unknown as Investigation,
      settings: resolveTenantSettings(settings!.tenantId === null ? null : (settings as unknown as TenantSettings)),
    };
  }
  return contexts;
}
