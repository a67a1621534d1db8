import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { connectRedis, deleteKeys, uniquePrefix } from "../../../test/support/test-redis";
import { TEST_REDIS_URL } from "../../../test/support/test-env";

const ROOT = path.resolve(__dirname, "../../..");
const prefix = uniquePrefix("close");
let child: ChildProcess | undefined;

afterAll(async () => {
  child?.kill("SIGKILL");
  const redis = await connectRedis();
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

// In a process of its own: if the event loop starved there, this test (not the test runner) times out.
it("closes a worker by force past its deadline, and a job that finishes afterwards leaves the process responsive", async () => {
  child = spawn(process.execPath, ["--import", "tsx", "packages/queues/test/fixtures/force-closed-job.ts"], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child!.once("exit", resolve));
  expect(code).toBe(0);
  // Forced, and the job handed back: neither completed nor failed by the closed worker.
  expect(JSON.parse(output.trim())).toEqual({ outcome: "forced", counts: { completed: 0, failed: 0 }, responsive: true });
});
