import type { Incident as IncidentJson } from "@causeflow/contracts/http";
import type { Incident, IncidentAlert } from "@causeflow/db";

/** An incident as the API shows it (contract §3, with §9's acknowledge, assign and reopen). */
export function incidentJson(i: Incident): IncidentJson {
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
    tags: tagsOf(i.tags),
    url: i.url,
    occurredAt: i.occurredAt.toISOString(),
    firstSeenAt: i.firstSeenAt.toISOString(),
    lastSeenAt: i.lastSeenAt.toISOString(),
    duplicateCount: i.duplicateCount,
    reopenCount: i.reopenCount,
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: i.acknowledgedByKind ? { kind: i.acknowledgedByKind, id: i.acknowledgedById } : null,
    assignee: i.assignee,
    assignedAgents: i.assignedAgents,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** Tags are a string map (contract §3); anything else stored is dropped rather than shown. */
function tagsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
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
