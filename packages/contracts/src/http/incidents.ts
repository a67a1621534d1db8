import { z } from "zod";
import { Actor } from "../actor";
import { ActivityType } from "../activity";
import { AgentName } from "../agents";
import { IncidentStatus } from "../incident-status";
import { InvestigationStatus, RemediationStatus, RootCause } from "../investigation";
import { Severity } from "../severity";
import { JsonObject, NullableTimestamp, StringMap, Timestamp } from "./common";

/** An incident (contract §3, with §9's acknowledge, assign and reopen). */
export const Incident = z.strictObject({
  incidentId: z.string(),
  tenantId: z.string(),
  title: z.string(),
  description: z.string(),
  severity: Severity,
  status: IncidentStatus,
  source: z.string().describe('provider slug, or "manual"'),
  sourceAlertId: z.string(),
  service: z.string().nullable(),
  environment: z.string().nullable(),
  tags: StringMap,
  url: z.string().nullable(),
  occurredAt: Timestamp,
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  duplicateCount: z.number().int(),
  reopenCount: z.number().int(),
  resolvedAt: NullableTimestamp,
  acknowledgedAt: NullableTimestamp,
  acknowledgedBy: Actor.nullable(),
  assignee: z.string().nullable(),
  assignedAgents: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Incident = z.infer<typeof Incident>;

export const IncidentList = z.strictObject({ items: z.array(Incident), nextCursor: z.string().nullable() });

/** One raw alert delivered for an incident. */
export const IncidentAlert = z.strictObject({
  eventId: z.string(),
  provider: z.string(),
  receivedAt: Timestamp,
  sourceAlertId: z.string(),
  status: z.string(),
  outcome: z.string(),
  normalized: z.unknown(),
  rawBody: z.string(),
});

/** One timeline entry: an activity of the incident, with who made it. */
export const TimelineEntry = z.strictObject({
  activityId: z.number().int(),
  kind: z.string(),
  type: ActivityType,
  message: z.string(),
  actor: Actor,
  data: JsonObject,
  createdAt: Timestamp,
});

export const Evidence = z.strictObject({
  agent: z.string(),
  kind: z.string(),
  summary: z.string(),
  details: z.unknown(),
  confidence: z.number(),
  createdAt: Timestamp,
});

export const Remediation = z.strictObject({
  status: RemediationStatus,
  title: z.string(),
  steps: z.array(z.string()),
  proposedAt: NullableTimestamp,
  decidedAt: NullableTimestamp,
  decidedBy: Actor.nullable(),
  reason: z.string().nullable(),
});

/** The investigation of an incident's detail (contract §5). */
export const Investigation = z.strictObject({
  investigationId: z.string(),
  status: InvestigationStatus,
  trigger: z.string(),
  agents: z.array(z.string()),
  startedAt: Timestamp,
  finishedAt: NullableTimestamp,
  rootCause: RootCause.nullable(),
  evidence: z.array(Evidence),
  remediation: Remediation.nullable(),
});
export type Investigation = z.infer<typeof Investigation>;

export const IncidentDetail = z.strictObject({
  ...Incident.shape,
  alerts: z.array(IncidentAlert),
  timeline: z.array(TimelineEntry),
  investigation: Investigation.nullable(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentListQuery = z.object({
  status: IncidentStatus.optional(),
  severity: Severity.optional(),
  source: z.string().max(200).optional(),
  service: z.string().max(200).optional(),
  environment: z.string().max(200).optional(),
  q: z.string().max(200).optional().describe("case-insensitive text in the title"),
  order: z.enum(["desc", "asc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const CreateIncidentBody = z.object({
  title: z.string().trim().min(1).max(500),
  description: z.string().max(20_000),
  severity: Severity,
  service: z.string().trim().min(1).max(200).optional(),
  environment: z.string().trim().min(1).max(100).optional(),
});

export const PatchIncidentBody = z
  .object({
    status: IncidentStatus.optional(),
    assignee: z.string().trim().max(320).nullable().optional().describe("free text, e.g. an email; null or empty clears it"),
  })
  .refine((b) => b.status !== undefined || b.assignee !== undefined, "send status or assignee");

export const InvestigationStarted = z.strictObject({
  investigationId: z.string(),
  status: z.literal("running"),
  agents: z.array(AgentName),
});

export const RejectRemediationBody = z.object({ reason: z.string().max(2000).optional() });
export const RemediationDecided = z.strictObject({
  incidentId: z.string(),
  status: IncidentStatus,
  remediation: z.strictObject({ status: z.enum(["approved", "rejected"]) }),
});

export type IncidentList = z.infer<typeof IncidentList>;
export type IncidentAlert = z.infer<typeof IncidentAlert>;
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type Evidence = z.infer<typeof Evidence>;
export type Remediation = z.infer<typeof Remediation>;
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;
export type PatchIncidentBody = z.infer<typeof PatchIncidentBody>;
export type InvestigationStarted = z.infer<typeof InvestigationStarted>;
export type RejectRemediationBody = z.infer<typeof RejectRemediationBody>;
export type RemediationDecided = z.infer<typeof RemediationDecided>;
