import { JOBS } from "@causeflow/contracts";
import { createLogger } from "@causeflow/logger";
import { Queue } from "bullmq";
import { closeWorkers } from "../src/close-workers";
import { createWorker } from "../src/create-worker";
import { connectRedis, deleteKeys, uniquePrefix } from "../../../test/support/test-redis";
import { eventually } from "../../../test/support/eventually";
import { TEST_REDIS_URL } from "../../../test/support/test-env";

const prefix = uniquePrefix("close");
const logger = createLogger({ service: "test", level: "silent" });

afterAll(async () => {
  const redis = await connectRedis();
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

it("closes a worker by force past its deadline, and a job that finishes afterwards leaves the process responsive", async () => {
  const url = new URL(TEST_REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const queue = new Queue(JOBS.maintenance.queue, { connection, prefix });
  let release = (): void => undefined;
  const worker = createWorker(JOBS.maintenance, () => new Promise<string>((resolve) => (release = () => resolve("done"))), {
    connection,
    prefix,
    concurrency: 1,
    logger,
  });
  try {
    await queue.add("reconcile", { task: "reconcile" });
    await eventually(
      () => queue.getActiveCount(),
      (n) => n === 1,
    );
    expect(await closeWorkers([worker], 300)).toBe("forced");
    // The job ends after its worker was closed by force: BullMQ would then spin on the closed
    // connection and starve the event loop (a timer would never fire again).
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await queue.getJobCounts("completed", "failed")).toEqual({ completed: 0, failed: 0 });
  } finally {
    await queue.close();
  }
});
