/** BullMQ queue names. Every queue of CauseFlow is named here and nowhere else. */
export const QUEUE_NAMES = {
  /** gateway → normalizer: one job per accepted webhook delivery; jobId = eventId. */
  rawAlerts: "raw-alerts",
  /** normalizer/gateway → triage: one job per incident to triage; jobId = `triage-<incidentId>`. */
  triage: "triage",
  /** normalizer → normalizer: confirm an SNS subscription by GET of its SubscribeURL; jobId = `sns-confirm-<eventId>`. */
  snsConfirmations: "sns-confirmations",
  /** triage → triage: the parent job of an investigation flow; runs when every agent job has finished. */
  investigations: "investigations",
  /** One queue per agent: the children of an investigation flow. */
  agentChangeDetector: "agent-change-detector",
  agentIncidentCorrelator: "agent-incident-correlator",
  agentInfraInspector: "agent-infra-inspector",
  agentRemediationPlanner: "agent-remediation-planner",
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export function triageJobId(incidentId: string): string {
  return `triage-${incidentId}`;
}

/** Redis key of the deduplication fast path for one alert key (normalizer sets it, anyone may clear it). */
export function dedupKey(prefix: string, tenantId: string, provider: string, sourceAlertId: string): string {
  return `${prefix}:dedup:${tenantId}:${provider}:${sourceAlertId}`;
}

/**
 * Job options every producer uses: retries with exponential backoff for transient failures;
 * completed jobs kept a day, failed jobs a week (visible in Bull Board; the database keeps
 * every delivery for good).
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
