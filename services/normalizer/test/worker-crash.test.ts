import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../../../test/support/test-env";
import { eventually } from "../../../test/support/eventually";

const ROOT = path.resolve(__dirname, "../../..");

/** The real normalizer process (its main.ts, through tsx), on the suite's schema and prefix. */
function spawnNormalizer(stack: TestStack): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "services/normalizer/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `${TEST_DATABASE_URL}?schema=${stack.db.schema}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: stack.prefix,
      NORMALIZER_LOCK_DURATION_MS: "2000",
      LOG_LEVEL: "silent",
    },
    stdio: "ignore",
  });
}

describe("a normalizer killed mid-job", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    stack = await TestStack.start({ label: "crash", normalizer: false, config: { verdictTimeoutMs: 200 } });
    creds = await stack.tenant();
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await stack.close();
  });

  it("the acknowledged alert still becomes exactly one incident after restart", async () => {
    // Hold the incident table so the worker blocks inside its job, after it has taken the job.
    const blocker = new Client({ connectionString: TEST_DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`LOCK TABLE "${stack.db.schema}"."Incident" IN ACCESS EXCLUSIVE MODE`);

    child = spawnNormalizer(stack);
    const res = await stack.webhook(creds, "custom", {
      title: "Crash test",
      description: "",
      sourceAlertId: "crash-1",
      severity: "high",
    });
    expect(res.status).toBe(202);
    const eventId = res.body.eventId as string;

    // The worker has recorded the delivery and is now stuck mid-job: kill it there.
    await eventually(
      () => stack.prisma.alertEvent.findUnique({ where: { id: eventId } }),
      (e) => e?.status === "received",
    );
    expect(await stack.rawAlertsQueue.getJobState(eventId)).toBe("active");
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    await blocker.query("ROLLBACK");
    await blocker.end();
    // The dead worker's Postgres session may still finish the statement it was waiting on (a
    // backend notices its client is gone only when it next talks to it): the batched insert can
    // commit after the kill. Either way the retry must replay it, not apply the alert again.

    // A new worker picks the stalled job up once the dead worker's lock expires.
    stack.startNormalizer(2000);
    const event = await eventually(
      () => stack.prisma.alertEvent.findUnique({ where: { id: eventId } }),
      (e) => e?.status === "processed",
    );
    expect(event?.outcome).toBe("created");
    const incidents = await stack.prisma.incident.findMany({ where: { sourceAlertId: "crash-1" } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.duplicateCount).toBe(0);
    expect(await stack.prisma.incidentAlert.count({ where: { eventId } })).toBe(1);
  }, 60_000);
});
