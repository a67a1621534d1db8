import type { Incident, PrismaClient } from "@causeflow/db";
import type { Tx } from "../domain-deps";
import { IncidentNotFound } from "../errors";

/** A tenant's incident, or IncidentNotFound (another tenant's incident is not found either). */
export async function findIncident(
  db: Pick<PrismaClient | Tx, "incident">,
  tenantId: string,
  incidentId: string,
): Promise<Incident> {
  const incident = await db.incident.findFirst({ where: { id: incidentId, tenantId } });
  if (!incident) throw new IncidentNotFound();
  return incident;
}
