import type { Incident, IncidentAlert, TimelineEntry } from "@causeflow/db";

/** An incident as the API shows it (contract §3). */
export function incidentJson(i: Incident) {
  return {
    incidentId: i.id,
    tenantId: i.tenantId,
    title: i.title,
    description: i.description,
    severity: i.severity,
    status: i.status,
    source: i.source,
    sourceAlertId: i.sourceAlertId,
    service: i.service,
    environment: i.environment,
    tags: i.tags,
    url: i.url,
    occurredAt: i.occurredAt.toISOString(),
    firstSeenAt: i.firstSeenAt.toISOString(),
    lastSeenAt: i.lastSeenAt.toISOString(),
    duplicateCount: i.duplicateCount,
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    assignedAgents: i.assignedAgents,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function alertJson(a: IncidentAlert & { event: { receivedAt: Date; provider: string; rawBody: string } }) {
  return {
    eventId: a.eventId,
    provider: a.event.provider,
    receivedAt: a.event.receivedAt.toISOString(),
    sourceAlertId: a.sourceAlertId,
    status: a.status,
    outcome: a.outcome,
    normalized: a.normalized,
    rawBody: a.event.rawBody,
  };
}

export function timelineJson(t: TimelineEntry) {
  return { kind: t.kind, message: t.message, data: t.data, createdAt: t.createdAt.toISOString() };
}
