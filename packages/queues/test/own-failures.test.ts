import { JOBS } from "@causeflow/contracts";
import { createLogger } from "@causeflow/logger";
import { Redis } from "ioredis";
import { eventually } from "../../../test/support/eventually";
import { TEST_REDIS_URL } from "../../../test/support/test-env";
import { deleteKeys, uniquePrefix } from "../../../test/support/test-redis";
import { createWorker, enqueue, NotCommittedYet, OWN_FAILURES_FIELD, QueueSet, type OwnFailures } from "../src";

const prefix = uniquePrefix("own_failures");
const logger = createLogger({ service: "test", level: "silent" });
const outage = () => new Error("connect ECONNREFUSED 127.0.0.1:5432");
let redis: Redis;
let queues: QueueSet;

beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queues = new QueueSet({ connection: redis, prefix }, logger);
});
afterAll(async () => {
  await queues.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

/** Runs one investigation job (3 own failures allowed) through `attempt`, until it has finished. */
async function runJob(id: string, attempt: (n: number, failures: OwnFailures) => Promise<string>) {
  let attempts = 0;
  const worker = createWorker(JOBS.investigation, (_data, _job, failures) => attempt(++attempts, failures), {
    connection: redis,
    prefix,
    logger,
    concurrency: 1,
    backoff: { baseMs: 10, maxMs: 50 },
  });
  try {
    await enqueue(queues, JOBS.investigation, { investigationId: id, incidentId: "inc_1", tenantId: "ten_1" });
    const queue = queues.get("investigations");
    const state = await eventually(
      () => queue.getJobState(id),
      (s) => s === "completed" || s === "failed",
    );
    const job = await queue.getJob(id);
    const counted = await redis.hget(`${prefix}:investigations:${id}`, OWN_FAILURES_FIELD);
    return { state, attempts, attemptsMade: job!.attemptsMade, failedReason: job!.failedReason, counted };
  } finally {
    await worker.close();
  }
}

describe("a job's own failures, counted apart from its other attempts", () => {
  it("an outage and a commit still to come spend none of them", async () => {
    const run = await runJob("inv_waited", async (n, failures) => {
      if (n <= 3) throw outage();
      if (n === 4) throw new NotCommittedYet("investigation inv_waited is not committed yet; retrying");
      if (n === 5) {
        // A processor that records its own failure, as an agent does, counts it once.
        expect(await failures.record()).toEqual({ count: 1, final: false });
        throw new Error("flaky 1");
      }
      if (n === 6) throw new Error("flaky 2");
      return "done";
    });
    // BullMQ counted every attempt; of the budget of three own failures, two were spent.
    expect(run).toMatchObject({ state: "completed", attempts: 7, attemptsMade: 7, counted: "2" });
  });

  it("the last of them fails the job for good, however many outages came before", async () => {
    const run = await runJob("inv_broken", async (n) => {
      if (n <= 2) throw outage();
      throw new Error(`broken ${n - 2}`);
    });
    expect(run).toMatchObject({ state: "failed", attempts: 5, failedReason: "broken 3", counted: "3" });
  });
});
