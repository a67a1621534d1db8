import { newId, type Actor, type Severity } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { enqueueTriage } from "./enqueue-triage";

export interface ManualIncidentInput {
  tenantId: string;
  title: string;
  description: string;
  severity: Severity;
  service?: string | null;
  environment?: string | null;
  actor: Actor;
  requestId?: string;
}

/**
 * Opens an incident by hand (`source: "manual"`), triaged like any other. The triage job is queued
 * inside the transaction: if Redis cannot take it nothing is created (a 503 means "retry"), and a
 * triage job that runs before the commit waits for the incident (see process-triage).
 */
export async function openManualIncident(
  deps: Pick<DomainDeps, "prisma" | "queues" | "publisher">,
  input: ManualIncidentInput,
): Promise<Incident> {
  const id = newId("incident");
  const now = new Date();
  const incident = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.incident.create({
      data: {
        id,
        tenantId: input.tenantId,
        title: input.title,
        description: input.description,
        severity: input.severity,
        source: "manual",
        sourceAlertId: id,
        service: input.service ?? null,
        environment: input.environment ?? null,
        occurredAt: now,
        firstSeenAt: now,
        lastSeenAt: now,
      },
    });
    await enqueueTriage(deps.queues, [{ incidentId: id, tenantId: input.tenantId, requestId: input.requestId }]);
    // Last, so the tenant's activity counter is locked only for this statement and the commit.
    await appendActivity(tx, input.tenantId, [
      {
        incidentId: id,
        actor: input.actor,
        message: "Incident opened manually",
        event: {
          type: "incident.created",
          data: {
            title: created.title,
            severity: created.severity,
            source: "manual",
            sourceAlertId: id,
            service: created.service,
            environment: created.environment,
            eventId: null,
          },
        },
      },
    ]);
    return created;
  });
  deps.publisher.announce(input.tenantId);
  return incident;
}
