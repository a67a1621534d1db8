import { JOBS } from "@causeflow/contracts";
import { createLogger } from "@causeflow/logger";
import { PassThrough } from "node:stream";
import { Redis } from "ioredis";
import { eventually } from "../../../test/support/eventually";
import { TEST_REDIS_URL } from "../../../test/support/test-env";
import { deleteKeys, uniquePrefix } from "../../../test/support/test-redis";
import { createWorker, enqueue, NotCommittedYet, QueueSet } from "../src";

const prefix = uniquePrefix("worker_logs");
let redis: Redis;

beforeAll(async () => {
  // As the services connect: BullMQ's workers block on this connection.
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

describe("a worker's log of its failed attempts", () => {
  it("warns of a retried failure, and only notes (debug) an attempt made before its subject committed", async () => {
    const lines: { level: number; msg: string }[] = [];
    const destination = new PassThrough();
    destination.on("data", (chunk: Buffer) =>
      chunk
        .toString()
        .split("\n")
        .filter(Boolean)
        .forEach((line) => lines.push(JSON.parse(line))),
    );
    const logger = createLogger({ service: "test", level: "debug", destination });
    const where = { connection: redis, prefix };
    const queues = new QueueSet(where, logger);
    let attempts = 0;
    const worker = createWorker(
      JOBS.snsConfirmation,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new NotCommittedYet("event evt_1 is not committed yet; retrying");
        if (attempts === 2) throw new Error("subscribe URL answered 503");
        return "confirmed";
      },
      { ...where, logger, concurrency: 1, backoff: { baseMs: 10, maxMs: 50 } },
    );
    try {
      await enqueue(queues, JOBS.snsConfirmation, {
        eventId: "evt_1",
        tenantId: "ten_1",
        subscribeUrl: "https://sns.example/confirm",
      });
      await eventually(
        async () => (await queues.get("sns-confirmations").getJobCounts("completed")).completed,
        (n) => n === 1,
      );
      const failures = lines.filter((l) => l.msg.startsWith("sns-confirmations job"));
      expect(failures.map((l) => [l.level, l.msg])).toEqual([
        [20, "sns-confirmations job waits for its subject's commit"],
        [40, "sns-confirmations job failed; retrying"],
      ]);
    } finally {
      await worker.close();
      await queues.close();
    }
  });
});
