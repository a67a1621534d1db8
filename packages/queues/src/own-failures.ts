import type { Job, Worker } from "bullmq";

/** The field of a job's hash in Redis that counts its own failures; it goes when the job does. */
export const OWN_FAILURES_FIELD = "causeflowOwnFailures";

/** Counts only while the job exists: a job removed meanwhile leaves no stray key behind. */
const INCREMENT = {
  name: "causeflowOwnFailure",
  numberOfKeys: 1,
  lua: `if redis.call("EXISTS", KEYS[1]) == 1 then return redis.call("HINCRBY", KEYS[1], ARGV[1], 1) end return 0`,
};
type Client = Awaited<Worker["client"]>;
const defined = new WeakSet<Client>();

export interface OwnFailure {
  /** The job's own failures so far, this one included. */
  count: number;
  /** This failure spends the job's own-failure budget (`otherErrorAttempts`): it gives up now. */
  final: boolean;
}

/**
 * A job's own failures (errors of its work: neither an outage nor a subject still committing),
 * counted apart from BullMQ's `attemptsMade`. That counts every failed attempt, so a job that had
 * waited out an outage or its subject's commit would have spent its own-failure budget before it
 * ever failed on its own. One instance per attempt: recording twice in an attempt counts once.
 */
export class OwnFailures {
  private recorded?: Promise<OwnFailure>;

  constructor(
    private readonly worker: Pick<Worker, "client" | "toKey">,
    private readonly job: Pick<Job, "id">,
    /** The job's budget of own failures; none: it never gives up on them. */
    private readonly limit: number | undefined,
  ) {}

  /** Records this attempt's failure (once) and says whether the job gives up. Rejects when Redis is down. */
  record(): Promise<OwnFailure> {
    this.recorded ??= this.increment();
    return this.recorded;
  }

  private async increment(): Promise<OwnFailure> {
    const client = await this.worker.client;
    if (!defined.has(client)) {
      client.defineCommand(INCREMENT.name, INCREMENT);
      defined.add(client);
    }
    const key = this.worker.toKey(String(this.job.id));
    const count = Number(await client.runCommand(INCREMENT.name, [key, OWN_FAILURES_FIELD]));
    return { count, final: this.limit !== undefined && count >= this.limit };
  }
}
