import type { z } from "zod";
import { ActivityPage, ActivityQuery } from "./activity";
import { Change, ChangeInput, GitHubChangeRecorded, GitHubIgnored, Runbook, RunbookBody, RunbookList } from "./changes-runbooks";
import { ErrorBody } from "./common";
import { CreateSilenceBody, Silence, SilenceList, SilenceListQuery } from "./silences";
import {
  CreateIncidentBody,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentListQuery,
  InvestigationStarted,
  PatchIncidentBody,
  RejectRemediationBody,
  RemediationDecided,
} from "./incidents";
import {
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
  CreateTenantBody,
  IntegrationList,
  Integration,
  PutIntegrationBody,
  Tenant,
  TenantSettings,
  TenantSettingsBody,
} from "./tenants";
import {
  EventRecord,
  Health,
  Readiness,
  WebhookCreated,
  WebhookDuplicate,
  WebhookOutcome,
  WebhookQueued,
  WebhookRejected,
} from "./webhooks";

/** Who may call an operation (contract §1–§3). */
export type Auth = "none" | "ingest" | "read" | "write" | "admin" | "operator";

export interface Response {
  description: string;
  schema?: z.ZodType;
  /** A body that is not JSON (the activity stream, Bull Board). */
  contentType?: string;
}

/** One operation of the HTTP contract: the single source of docs/openapi.json and of the tests' response checks. */
export interface Operation {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, Response>;
}

const err = (description: string): Response => ({ description, schema: ErrorBody });
const E = {
  400: err("invalid_request (with issues) or invalid_json"),
  401: err("missing or invalid credentials"),
  403: err("insufficient_scope"),
  404: err("not_found"),
  409: err("conflict"),
  503: err("unavailable: a backing store is unreachable; retry after Retry-After"),
};

export const OPERATIONS: readonly Operation[] = [
  {
    operationId: "postWebhook",
    method: "post",
    path: "/v1/webhooks/{tenantId}/{provider}",
    summary: "Receive an alert from a monitoring tool (contract §1, §9)",
    tag: "Webhooks",
    auth: "ingest",
    responses: {
      200: {
        description: "resolved, ignored, duplicate (integrations with duplicateStatus 200), silenced or reopened",
        schema: WebhookOutcome,
      },
      201: { description: "a new incident", schema: WebhookCreated },
      202: { description: "queued; the verdict was not ready in time", schema: WebhookQueued },
      400: err("invalid_json"),
      401: err("invalid_api_key or invalid_signature"),
      403: err("integration_disabled, topic_not_allowed or raw_delivery_disabled"),
      404: err("unknown_provider"),
      409: { description: "duplicate of an open incident", schema: WebhookDuplicate },
      413: err("payload_too_large"),
      415: err("unsupported_media_type"),
      422: { description: "the payload does not match the provider's format", schema: WebhookRejected },
      429: err("rate_limited, with Retry-After and X-RateLimit-*"),
      503: E[503],
    },
  },
  {
    operationId: "postGitHubWebhook",
    method: "post",
    path: "/v1/webhooks/{tenantId}/github",
    summary: "GitHub deployment_status events become changes (contract §5)",
    tag: "Webhooks",
    auth: "ingest",
    responses: {
      200: { description: "not a successful deployment, or a redelivery", schema: GitHubIgnored },
      201: { description: "recorded as a change", schema: GitHubChangeRecorded },
      401: E[401],
      403: err("integration_disabled"),
      422: err("invalid_payload"),
      503: E[503],
    },
  },
  {
    operationId: "getEvent",
    method: "get",
    path: "/v1/events/{eventId}",
    summary: "What became of a delivery, including those answered 202",
    tag: "Webhooks",
    auth: "read",
    responses: { 200: { description: "the delivery", schema: EventRecord }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "createTenant",
    method: "post",
    path: "/v1/tenants",
    summary: "Create a tenant",
    tag: "Tenants",
    auth: "operator",
    body: CreateTenantBody,
    responses: { 201: { description: "created", schema: Tenant }, 400: E[400], 401: E[401], 503: E[503] },
  },
  {
    operationId: "getTenant",
    method: "get",
    path: "/v1/tenants/{tenantId}",
    summary: "A tenant",
    tag: "Tenants",
    auth: "admin",
    responses: { 200: { description: "the tenant", schema: Tenant }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "createApiKey",
    method: "post",
    path: "/v1/tenants/{tenantId}/api-keys",
    summary: "Issue an API key and its webhook secret (shown once)",
    tag: "Tenants",
    auth: "admin",
    body: CreateApiKeyBody,
    responses: { 201: { description: "created", schema: CreatedApiKey }, 400: E[400], 401: E[401], 404: E[404] },
  },
  {
    operationId: "listApiKeys",
    method: "get",
    path: "/v1/tenants/{tenantId}/api-keys",
    summary: "A tenant's API keys",
    tag: "Tenants",
    auth: "admin",
    responses: { 200: { description: "the keys", schema: ApiKeyList }, 401: E[401] },
  },
  {
    operationId: "revokeApiKey",
    method: "delete",
    path: "/v1/tenants/{tenantId}/api-keys/{keyId}",
    summary: "Revoke an API key (refused everywhere within a second)",
    tag: "Tenants",
    auth: "admin",
    responses: { 204: { description: "revoked" }, 401: E[401], 404: E[404], 409: err("already_revoked") },
  },
  {
    operationId: "listIntegrations",
    method: "get",
    path: "/v1/tenants/{tenantId}/integrations",
    summary: "Every provider's settings and webhook URL",
    tag: "Tenants",
    auth: "admin",
    responses: { 200: { description: "the integrations", schema: IntegrationList }, 401: E[401] },
  },
  {
    operationId: "updateIntegration",
    method: "put",
    path: "/v1/tenants/{tenantId}/integrations/{provider}",
    summary: "Change a provider's settings (secrets are never echoed)",
    tag: "Tenants",
    auth: "admin",
    body: PutIntegrationBody,
    responses: {
      200: { description: "the settings", schema: Integration },
      400: E[400],
      401: E[401],
      404: err("unknown_provider or not_found"),
    },
  },
  {
    operationId: "getTenantSettings",
    method: "get",
    path: "/v1/tenants/{tenantId}/settings",
    summary: "Triage rules and the metrics source",
    tag: "Tenants",
    auth: "admin",
    responses: { 200: { description: "the settings", schema: TenantSettings }, 401: E[401] },
  },
  {
    operationId: "updateTenantSettings",
    method: "put",
    path: "/v1/tenants/{tenantId}/settings",
    summary: "Replace the parts of the settings sent",
    tag: "Tenants",
    auth: "admin",
    body: TenantSettingsBody,
    responses: { 200: { description: "the settings", schema: TenantSettings }, 400: E[400], 401: E[401], 404: E[404] },
  },
  {
    operationId: "listIncidents",
    method: "get",
    path: "/v1/incidents",
    summary: "Incidents, newest first by default, with an opaque cursor",
    tag: "Incidents",
    auth: "read",
    query: IncidentListQuery,
    responses: { 200: { description: "a page", schema: IncidentList }, 400: E[400], 401: E[401] },
  },
  {
    operationId: "createIncident",
    method: "post",
    path: "/v1/incidents",
    summary: "Open an incident by hand (triaged like any other)",
    tag: "Incidents",
    auth: "write",
    body: CreateIncidentBody,
    responses: { 201: { description: "created", schema: Incident }, 400: E[400], 401: E[401], 503: E[503] },
  },
  {
    operationId: "getIncident",
    method: "get",
    path: "/v1/incidents/{incidentId}",
    summary: "An incident with its alerts, timeline and investigation",
    tag: "Incidents",
    auth: "read",
    responses: { 200: { description: "the incident", schema: IncidentDetail }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "updateIncident",
    method: "patch",
    path: "/v1/incidents/{incidentId}",
    summary: "Change the status (along the lifecycle; resolved/closed from any) or the assignee",
    tag: "Incidents",
    auth: "write",
    body: PatchIncidentBody,
    responses: {
      200: { description: "the incident", schema: Incident },
      400: E[400],
      401: E[401],
      404: E[404],
      409: err("invalid_transition"),
    },
  },
  {
    operationId: "acknowledgeIncident",
    method: "post",
    path: "/v1/incidents/{incidentId}/acknowledge",
    summary: "Acknowledge (once; again changes nothing)",
    tag: "Incidents",
    auth: "write",
    responses: { 200: { description: "the incident", schema: Incident }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "investigateIncident",
    method: "post",
    path: "/v1/incidents/{incidentId}/investigate",
    summary: "Start an investigation now (any severity but info)",
    tag: "Investigations",
    auth: "write",
    responses: {
      202: { description: "started", schema: InvestigationStarted },
      401: E[401],
      404: E[404],
      409: err("investigation_running or not_investigable"),
    },
  },
  {
    operationId: "approveRemediation",
    method: "post",
    path: "/v1/incidents/{incidentId}/remediation/approve",
    summary: "Approve the proposed fix (incident → remediating)",
    tag: "Investigations",
    auth: "write",
    responses: {
      200: { description: "approved", schema: RemediationDecided },
      401: E[401],
      404: E[404],
      409: err("no_proposal or invalid_transition"),
    },
  },
  {
    operationId: "rejectRemediation",
    method: "post",
    path: "/v1/incidents/{incidentId}/remediation/reject",
    summary: "Reject the proposed fix (incident → investigating)",
    tag: "Investigations",
    auth: "write",
    body: RejectRemediationBody,
    responses: {
      200: { description: "rejected", schema: RemediationDecided },
      401: E[401],
      404: E[404],
      409: err("no_proposal or invalid_transition"),
    },
  },
  {
    operationId: "createChange",
    method: "post",
    path: "/v1/changes",
    summary: "Record a deploy or config change (evidence for investigations)",
    tag: "Investigations",
    auth: "write",
    body: ChangeInput,
    responses: { 201: { description: "recorded", schema: Change }, 400: E[400], 401: E[401] },
  },
  {
    operationId: "listRunbooks",
    method: "get",
    path: "/v1/runbooks",
    summary: "Runbooks the remediation planner matches",
    tag: "Investigations",
    auth: "read",
    responses: { 200: { description: "the runbooks", schema: RunbookList }, 401: E[401] },
  },
  {
    operationId: "createRunbook",
    method: "post",
    path: "/v1/runbooks",
    summary: "Add a runbook",
    tag: "Investigations",
    auth: "write",
    body: RunbookBody,
    responses: {
      201: { description: "created", schema: Runbook },
      400: E[400],
      401: E[401],
      422: err("invalid_pattern: titlePattern cannot run in linear time"),
    },
  },
  {
    operationId: "getRunbook",
    method: "get",
    path: "/v1/runbooks/{id}",
    summary: "A runbook",
    tag: "Investigations",
    auth: "read",
    responses: { 200: { description: "the runbook", schema: Runbook }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "replaceRunbook",
    method: "put",
    path: "/v1/runbooks/{id}",
    summary: "Replace a runbook",
    tag: "Investigations",
    auth: "write",
    body: RunbookBody,
    responses: {
      200: { description: "the runbook", schema: Runbook },
      400: E[400],
      401: E[401],
      404: E[404],
      422: err("invalid_pattern"),
    },
  },
  {
    operationId: "deleteRunbook",
    method: "delete",
    path: "/v1/runbooks/{id}",
    summary: "Delete a runbook",
    tag: "Investigations",
    auth: "write",
    responses: { 204: { description: "deleted" }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "listActivity",
    method: "get",
    path: "/v1/activity",
    summary: "Every change of the tenant, oldest first (contract §7)",
    tag: "Activity",
    auth: "read",
    query: ActivityQuery,
    responses: { 200: { description: "a page", schema: ActivityPage }, 400: E[400], 401: E[401] },
  },
  {
    operationId: "streamActivity",
    method: "get",
    path: "/v1/activity/stream",
    summary: "Server-Sent Events: replays after Last-Event-ID or ?since=, then live; a comment every 15 s",
    tag: "Activity",
    auth: "read",
    query: ActivityQuery,
    responses: {
      200: { description: "id: <activityId>, event: <type>, data: <Activity JSON>", contentType: "text/event-stream" },
      401: E[401],
    },
  },
  {
    operationId: "createSilence",
    method: "post",
    path: "/v1/tenants/{tenantId}/silences",
    summary: "Silence matching firing alerts (contract §9); a future start is a maintenance window",
    tag: "Noise control",
    auth: "write",
    body: CreateSilenceBody,
    responses: {
      201: { description: "created", schema: Silence },
      400: E[400],
      401: E[401],
      422: err("invalid_pattern: a =~ or !~ value RE2 cannot run"),
    },
  },
  {
    operationId: "listSilences",
    method: "get",
    path: "/v1/tenants/{tenantId}/silences",
    summary: "Silences, newest first",
    tag: "Noise control",
    auth: "read",
    query: SilenceListQuery,
    responses: { 200: { description: "the silences", schema: SilenceList }, 400: E[400], 401: E[401] },
  },
  {
    operationId: "expireSilence",
    method: "delete",
    path: "/v1/tenants/{tenantId}/silences/{silenceId}",
    summary: "Expire a silence now",
    tag: "Noise control",
    auth: "write",
    responses: { 200: { description: "expired", schema: Silence }, 401: E[401], 404: E[404] },
  },
  {
    operationId: "getHealth",
    method: "get",
    path: "/healthz",
    summary: "The process is up",
    tag: "Operations",
    auth: "none",
    responses: { 200: { description: "up", schema: Health } },
  },
  {
    operationId: "getReadiness",
    method: "get",
    path: "/readyz",
    summary: "Redis and PostgreSQL reachable, migrations applied",
    tag: "Operations",
    auth: "none",
    responses: { 200: { description: "ready", schema: Readiness }, 503: { description: "not ready", schema: Readiness } },
  },
  {
    operationId: "bullBoard",
    method: "get",
    path: "/admin/queues",
    summary: "Bull Board: every queue (operator token as Bearer, or Basic with it as password)",
    tag: "Operations",
    auth: "operator",
    responses: { 200: { description: "the UI", contentType: "text/html" }, 401: E[401] },
  },
];

/** The operation for a method and path template. */
export function findOperation(operationId: string): Operation {
  const operation = OPERATIONS.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  return operation;
}
