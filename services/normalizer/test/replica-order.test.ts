import { JOBS, type RawAlertJob } from "@causeflow/contracts";
import { enqueue } from "@causeflow/queues";
import { Client } from "pg";
import { eventually } from "../../../test/support/eventually";
import { TEST_DATABASE_URL } from "../../../test/support/test-env";
import { TestStack } from "../../../test/support/test-stack";

// Two normalizers on one queue (README, "Scaling"): a resolve that finds nothing open waits for the
// deliveries another normalizer took off the queue before it, whose firing alerts may not have
// claimed their keys yet (ARCHITECTURE, "A key's alerts take effect in the order they came").
let stack: TestStack;
let tenantId: string;
let sequence = 0;
/** Holds a delivery's record open: the normalizer recording it waits. */
let blocker: Client | undefined;

beforeAll(async () => {
  stack = await TestStack.start({ label: "replicas", normalizer: false, triage: false });
  tenantId = (await stack.tenant()).tenantId;
});
afterAll(async () => {
  await blocker?.end();
  await stack.close();
});

/** A `custom` delivery as a gateway queues it, received now. */
function delivery(body: Record<string, unknown>): RawAlertJob {
  sequence += 1;
  return {
    eventId: `evt_replicas_${sequence}_${Date.now()}`,
    tenantId,
    provider: "custom",
    receivedAt: new Date().toISOString(),
    rawBody: JSON.stringify({ title: "Replica order", description: "", severity: "low", ...body }),
    headers: { "content-type": "application/json" },
  };
}

const processed = (eventId: string) =>
  eventually(
    () => stack.prisma.alertEvent.findUnique({ where: { id: eventId } }),
    (event) => event?.status === "processed",
  );

it("a resolve with nothing open is not held by the deliveries its own normalizer took before it", async () => {
  const normalizer = stack.startNormalizer();
  const [firing, resolve] = [
    delivery({ sourceAlertId: "own-firing" }),
    delivery({ sourceAlertId: "own-never", status: "resolved" }),
  ];
  await Promise.all([firing, resolve].map((d) => enqueue(stack.queues, JOBS.rawAlert, { deliveries: [d] })));
  expect((await processed(resolve.eventId))?.outcome).toBe("ignored");
  expect((await processed(firing.eventId))?.outcome).toBe("created");
  expect(normalizer.alerts.resolvesHeld).toBe(0);
  await normalizer.close();
});

it("a resolve waits for its key's firing alert that another normalizer took off the queue before it", async () => {
  const sourceAlertId = "replica-order";
  const firing = delivery({ sourceAlertId });
  // The first normalizer will block recording the firing delivery (the row's id is taken by an
  // open transaction), after it has taken its job and before its alert claims the key.
  blocker = new Client({ connectionString: TEST_DATABASE_URL });
  await blocker.connect();
  await blocker.query("BEGIN");
  await blocker.query(
    `INSERT INTO "${stack.db.schema}"."AlertEvent" ("id", "tenantId", "provider", "receivedAt", "rawBody", "headers", "status")
     VALUES ($1, $2, 'custom', now(), '{}', '{}', 'received')`,
    [firing.eventId, tenantId],
  );
  // One job at a time: while it works on the firing delivery, it takes no other.
  stack.startNormalizer(30_000, 1);
  await enqueue(stack.queues, JOBS.rawAlert, { deliveries: [firing] });
  await eventually(
    () => stack.rawAlertsQueue.getJobState(firing.eventId),
    (state) => state === "active",
  );

  const second = stack.startNormalizer();
  const resolve = delivery({ sourceAlertId, status: "resolved" });
  await enqueue(stack.queues, JOBS.rawAlert, { deliveries: [resolve] });
  // Nothing is open and the key is not claimed, but the first normalizer is still applying a
  // delivery it took before: the resolve is held, not recorded as ignored.
  await eventually(
    async () => second.alerts.resolvesHeld,
    (held) => held >= 2,
  );
  expect(await stack.prisma.incidentAlert.count({ where: { eventId: resolve.eventId } })).toBe(0);

  await blocker.end();
  blocker = undefined;
  expect((await processed(firing.eventId))?.outcome).toBe("created");
  expect((await processed(resolve.eventId))?.outcome).toBe("resolved");
  const incidents = await stack.prisma.incident.findMany({ where: { tenantId, sourceAlertId } });
  expect(incidents.map((incident) => incident.status)).toEqual(["resolved"]);
});
