import type { z } from "zod";
import { AGENT_QUEUE_NAMES, AGENT_QUEUES, type AgentName } from "../agents";
import {
  deliveriesOf,
  InvestigationJob,
  MaintenanceJob,
  NotificationJob,
  RawAlertsJob,
  SnsConfirmationJob,
  TriageJob,
} from "./job-payloads";

/** Every BullMQ queue of CauseFlow. Nothing else names a queue. */
export const QUEUE_NAMES = [
  "raw-alerts",
  "triage",
  "sns-confirmations",
  "investigations",
  ...AGENT_QUEUE_NAMES,
  "notifications",
  "maintenance",
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * How a job retries. `until_done`: infrastructure errors (a store unreachable) retry with capped
 * exponential backoff for as long as the outage lasts; other errors fail the job after
 * `otherErrorAttempts` (default: never) or once it is older than `giveUpAfterMs`. `limited`: a
 * fixed number of attempts, whatever the error.
 */
export type RetryPolicy =
  { kind: "until_done"; otherErrorAttempts?: number; giveUpAfterMs?: number } | { kind: "limited"; attempts: number };

/** One job of the catalog: its queue, name, payload schema, id and retries. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  /** Job name shown in Bull Board; may depend on the payload. */
  name: string | ((data: z.infer<S>) => string);
  schema: S;
  /** Deterministic, so a repeated enqueue of the same work is a no-op. */
  jobId: (data: z.infer<S>) => string;
  retry: RetryPolicy;
  /** How long its finished jobs stay in Redis (default: JOB_RETENTION). */
  retention?: JobRetention;
}

/**
 * BullMQ's removeOnComplete / removeOnFail: finished jobs kept up to an age (seconds) and a count.
 * Both bounded by count, so no rate of jobs (a storm, a tenant sending what can never succeed) can
 * fill the Redis every tenant shares.
 */
export interface JobRetention {
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
}

export type JobData<D extends JobDefinition> = z.infer<D["schema"]>;

function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

const DAY_MS = 24 * 3600 * 1000;

/** How long finished jobs stay in Redis (Bull Board shows them; the database keeps every delivery for good). */
export const JOB_RETENTION: JobRetention = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** How many times an investigation's synthesis fails on its own (not an outage) before the investigation is marked failed. */
export const SYNTHESIS_ATTEMPTS = 3;

/** Every job of CauseFlow (style rule 7): producers and workers take their definition from here. */
export const JOBS = {
  /** gateway → normalizer: the webhook deliveries a gateway accepted together (one, when it is idle). */
  rawAlert: defineJob({
    queue: "raw-alerts",
    name: (d) => {
      const deliveries = deliveriesOf(d);
      return deliveries.length === 1 ? deliveries[0]!.provider : `${deliveries.length} deliveries`;
    },
    schema: RawAlertsJob,
    jobId: (d) => deliveriesOf(d)[0]!.eventId,
    retry: { kind: "until_done" },
    // A processed delivery's record is its AlertEvent row (GET /v1/events reads the job only
    // before that), and a job holds up to 64 KB of bodies: 10,000 kept for a day would be
    // ~640 MB of Redis after a storm (issue 12). A failed one (a lone delivery that can never
    // succeed) is recorded there too, failed, with its body: a week of them, 1,000 at most (a
    // tenant sending garbage at its rate limit would otherwise leave 20 million in Redis).
    retention: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } },
  }),
  /** normalizer/gateway → triage: the incidents a batch opened (their first id names the job), or one. */
  triage: defineJob({
    queue: "triage",
    name: "triage",
    schema: TriageJob,
    jobId: (d) => `triage-${d.incidents[0]!.incidentId}${d.incidents.length > 1 ? `+${d.incidents.length - 1}` : ""}`,
    retry: { kind: "until_done" },
  }),
  /** normalizer → normalizer: confirm an SNS subscription by GET of its SubscribeURL (SNS itself gives up after a few tries). */
  snsConfirmation: defineJob({
    queue: "sns-confirmations",
    name: "confirm",
    schema: SnsConfirmationJob,
    jobId: (d) => `sns-confirm-${d.eventId}`,
    retry: { kind: "limited", attempts: 3 },
  }),
  /** The parent of an investigation flow: runs once every agent job has finished or failed. */
  investigation: defineJob({
    queue: "investigations",
    name: "investigate",
    schema: InvestigationJob,
    jobId: (d) => d.investigationId,
    retry: { kind: "until_done", otherErrorAttempts: SYNTHESIS_ATTEMPTS },
  }),
  /** notifier relay → notifier: one delivery of an activity entry to a channel, retried for a day (contract §8). */
  notification: defineJob({
    queue: "notifications",
    name: "deliver",
    schema: NotificationJob,
    jobId: (d) => d.deliveryId,
    retry: { kind: "until_done", giveUpAfterMs: DAY_MS },
  }),
  /** Periodic upkeep (repeatable): the reconciler and the retention purge. */
  maintenance: defineJob({
    queue: "maintenance",
    name: (d) => d.task,
    schema: MaintenanceJob,
    jobId: (d) => `maintenance-${d.task}`,
    retry: { kind: "limited", attempts: 1 },
  }),
} as const;

/** How many times an agent's own failure (not an outage) is tried before it is recorded as failed. */
export const AGENT_ATTEMPTS = 2;

/** The children of an investigation flow: one job per agent, each on its agent's own queue; an agent's own failure gets one more try. */
export function agentJob(agent: AgentName): JobDefinition<typeof InvestigationJob> {
  return {
    queue: AGENT_QUEUES[agent],
    name: agent,
    schema: InvestigationJob,
    jobId: (d) => `${d.investigationId}-${agent}`,
    retry: { kind: "until_done", otherErrorAttempts: AGENT_ATTEMPTS },
  };
}
