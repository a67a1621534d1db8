import { z } from "zod";
import { Actor } from "./actor";
import { AgentName } from "./agents";
import { IncidentStatus } from "./incident-status";
import { InvestigationTrigger, RootCause } from "./investigation";
import { Severity } from "./severity";

const Id = z.string();
const Moved = { from: IncidentStatus, to: IncidentStatus };

/**
 * Every kind of change CauseFlow records (contract §7), each with the shape of its `data`. One
 * entry is written in the same transaction as the change it describes.
 */
export const ActivityEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("incident.created"),
    data: z.object({
      title: z.string(),
      severity: Severity,
      source: z.string(),
      sourceAlertId: z.string(),
      service: z.string().nullable(),
      environment: z.string().nullable(),
      eventId: Id.nullable(),
    }),
  }),
  z.object({ type: z.literal("incident.duplicate"), data: z.object({ eventId: Id, duplicateCount: z.number().int() }) }),
  z.object({ type: z.literal("incident.status_changed"), data: z.object({ ...Moved }) }),
  z.object({ type: z.literal("incident.resolved"), data: z.object({ ...Moved, eventId: Id.nullable() }) }),
  z.object({
    type: z.literal("incident.reopened"),
    data: z.object({ ...Moved, eventId: Id, reopenCount: z.number().int() }),
  }),
  z.object({
    type: z.literal("incident.triaged"),
    data: z.object({
      ...Moved,
      normalizedSeverity: Severity,
      severity: Severity,
      reasons: z.array(z.string()),
      mode: z.enum(["immediate", "on_request", "never"]),
      agents: z.array(AgentName),
    }),
  }),
  z.object({ type: z.literal("incident.acknowledged"), data: z.object({ acknowledgedAt: z.string() }) }),
  z.object({ type: z.literal("incident.assigned"), data: z.object({ assignee: z.string().nullable() }) }),
  z.object({
    type: z.literal("investigation.started"),
    data: z.object({
      investigationId: Id,
      agents: z.array(AgentName),
      trigger: InvestigationTrigger,
      from: IncidentStatus,
      to: IncidentStatus,
    }),
  }),
  z.object({
    type: z.literal("agent.finished"),
    data: z.object({ investigationId: Id, agent: AgentName, evidence: z.number().int() }),
  }),
  z.object({ type: z.literal("agent.failed"), data: z.object({ investigationId: Id, agent: AgentName, reason: z.string() }) }),
  z.object({
    type: z.literal("investigation.completed"),
    data: z.object({ investigationId: Id, rootCause: RootCause.nullable(), failedAgents: z.array(AgentName) }),
  }),
  z.object({ type: z.literal("investigation.failed"), data: z.object({ investigationId: Id, reason: z.string() }) }),
  z.object({
    type: z.literal("remediation.proposed"),
    data: z.object({ investigationId: Id, title: z.string(), steps: z.array(z.string()), rootCause: RootCause.nullable() }),
  }),
  z.object({ type: z.literal("remediation.approved"), data: z.object({ investigationId: Id, title: z.string(), ...Moved }) }),
  z.object({
    type: z.literal("remediation.rejected"),
    data: z.object({ investigationId: Id, title: z.string(), reason: z.string().nullable(), ...Moved }),
  }),
  z.object({
    type: z.literal("alert.silenced"),
    data: z.object({ eventId: Id, silenceId: Id, source: z.string(), sourceAlertId: z.string(), title: z.string() }),
  }),
  z.object({
    type: z.literal("api_key.created"),
    data: z.object({ keyId: Id, name: z.string(), prefix: z.string(), scopes: z.array(z.string()) }),
  }),
  z.object({ type: z.literal("api_key.revoked"), data: z.object({ keyId: Id, name: z.string() }) }),
  z.object({ type: z.literal("integration.updated"), data: z.object({ provider: z.string(), changed: z.array(z.string()) }) }),
  z.object({
    type: z.literal("channel.created"),
    data: z.object({ channelId: Id, name: z.string(), type: z.string() }),
  }),
  z.object({
    type: z.literal("channel.updated"),
    data: z.object({ channelId: Id, name: z.string(), type: z.string(), changed: z.array(z.string()) }),
  }),
  z.object({ type: z.literal("channel.deleted"), data: z.object({ channelId: Id, name: z.string(), type: z.string() }) }),
  z.object({
    type: z.literal("silence.created"),
    data: z.object({ silenceId: Id, comment: z.string(), startsAt: z.string(), endsAt: z.string() }),
  }),
  z.object({ type: z.literal("silence.expired"), data: z.object({ silenceId: Id, comment: z.string() }) }),
]);
export type ActivityEvent = z.infer<typeof ActivityEvent>;

export type ActivityType = ActivityEvent["type"];
export const ACTIVITY_TYPES = ActivityEvent.options.map((o) => o.shape.type.value) as readonly ActivityType[];
export const ActivityType = z.enum(ACTIVITY_TYPES as [ActivityType, ...ActivityType[]]);

/** The `data` of one activity type. */
export type ActivityData<T extends ActivityType> = Extract<ActivityEvent, { type: T }>["data"];

/** An activity entry as the API and the stream show it (contract §7). */
export const Activity = z.object({
  /** Unique within the tenant and increasing in commit order: a stream resumes from it. */
  activityId: z.number().int().positive(),
  tenantId: z.string(),
  type: ActivityType,
  incidentId: z.string().nullable(),
  actor: Actor,
  occurredAt: z.string(),
  /** One sentence for people (the incident timeline shows it). */
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type Activity = z.infer<typeof Activity>;

/** The incident timeline's `kind` for each activity type (the names of contract §3's timeline). */
export const TIMELINE_KIND: Record<ActivityType, string> = {
  "incident.created": "created",
  "incident.duplicate": "duplicate",
  "incident.status_changed": "status_changed",
  "incident.resolved": "status_changed",
  "incident.reopened": "reopened",
  "incident.triaged": "triaged",
  "incident.acknowledged": "acknowledged",
  "incident.assigned": "assigned",
  "investigation.started": "investigation_started",
  "agent.finished": "agent_finished",
  "agent.failed": "agent_failed",
  "investigation.completed": "root_cause",
  "investigation.failed": "investigation_failed",
  "remediation.proposed": "remediation_proposed",
  "remediation.approved": "remediation_approved",
  "remediation.rejected": "remediation_rejected",
  "alert.silenced": "silenced",
  "api_key.created": "api_key_created",
  "api_key.revoked": "api_key_revoked",
  "integration.updated": "integration_updated",
  "channel.created": "channel_created",
  "channel.updated": "channel_updated",
  "channel.deleted": "channel_deleted",
  "silence.created": "silence_created",
  "silence.expired": "silence_expired",
};
