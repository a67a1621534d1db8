import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { DeliveryQueue, type PendingDelivery } from "../src/webhooks/delivery-queue";

let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  // No workers at first: what the gateway queued stays in Redis to be looked at.
  stack = await TestStack.start({ label: "batches", normalizer: false, triage: false });
  creds = await stack.tenant();
});
afterAll(() => stack.close());

const delivery = (rawBody: string): PendingDelivery => ({
  tenantId: creds.tenantId,
  provider: "custom",
  receivedAt: new Date().toISOString(),
  rawBody,
  headers: { "content-type": "application/json" },
  waitMs: 0,
});
const customAlert = (i: number) =>
  JSON.stringify({ title: `Batched ${i}`, description: "", sourceAlertId: `batched-${i}`, severity: "low" });
const event = (eventId: string) => request(stack.app).get(`/v1/events/${eventId}`).set("x-api-key", creds.apiKey);

describe("raw-alerts jobs hold the deliveries a gateway accepted together (issue 12)", () => {
  it("one job for deliveries queued together; each delivery is found by its event id, processed once, and a bad one fails alone", async () => {
    const queue = new DeliveryQueue(stack.gateway.queues, stack.gateway.verdicts);
    // Five alerts and a payload that can never succeed (custom needs a string title), in one turn.
    const queued = await Promise.all([
      ...[0, 1, 2, 3, 4].map((i) => queue.add(delivery(customAlert(i)))),
      queue.add(delivery('{"title":5}')),
    ]);
    const jobId = queued[0]!.eventId;
    expect(queued.map((q) => q.eventId)).toEqual([jobId, `${jobId}.1`, `${jobId}.2`, `${jobId}.3`, `${jobId}.4`, `${jobId}.5`]);
    expect(await stack.rawAlertsQueue.getWaitingCount()).toBe(1);

    // Queued, not processed: the job that holds the delivery answers for it; an index it does not hold is unknown.
    const waiting = await event(`${jobId}.3`).expect(200);
    expect(waiting.body).toMatchObject({ eventId: `${jobId}.3`, provider: "custom", status: "queued", results: [] });
    await event(`${jobId}.9`).expect(404);

    stack.startNormalizer();
    const finished = await eventually(
      () => Promise.all(queued.map((q) => event(q.eventId).then((res) => res.body as { status: string }))),
      (bodies) => bodies.every((b) => b.status === "processed" || b.status === "failed"),
    );
    expect(finished.slice(0, 5).map((b) => b.status)).toEqual(Array(5).fill("processed"));
    expect(finished[5]).toMatchObject({ status: "failed", error: { error: "invalid_payload" } });
    // The job completed: its good deliveries are not retried for the bad one.
    expect(await stack.rawAlertsQueue.getJobState(jobId)).toBe("completed");
    const incidents = await stack.prisma.incident.findMany({ where: { tenantId: creds.tenantId }, select: { title: true } });
    expect(incidents.map((i) => i.title).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Batched ${i}`));
  });

  it("a job of one delivery, as gateways queued them before batching, is still processed (rolling upgrades)", async () => {
    await stack.rawAlertsQueue.add(
      "custom",
      { ...delivery(customAlert(7)), waitMs: undefined, eventId: "evt_fromOlderGateway" },
      { jobId: "evt_fromOlderGateway" },
    );
    const done = await eventually(
      () => event("evt_fromOlderGateway").then((res) => res.body as { status: string; outcome: string }),
      (body) => body.status === "processed",
    );
    expect(done.outcome).toBe("created");
  });

  it("webhooks answered at once still get their own verdicts", async () => {
    const answers = await Promise.all(
      [10, 11, 12, 13].map((i) =>
        stack.webhook(creds, "custom", { title: `Sync ${i}`, description: "", sourceAlertId: `sync-${i}`, severity: "low" }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.body.title)).toEqual(["Sync 10", "Sync 11", "Sync 12", "Sync 13"]);
    expect(new Set(answers.map((a) => a.body.incidentId)).size).toBe(4);
  });

  it("a resolve queued after its firing alert resolves its incident, in the same job as it or in a later one", async () => {
    await stack.stopWorkers();
    const queue = new DeliveryQueue(stack.gateway.queues, stack.gateway.verdicts);
    const alert = (key: string, status: "firing" | "resolved") =>
      delivery(JSON.stringify({ title: `Flap ${key}`, description: "", sourceAlertId: `flap-${key}`, severity: "low", status }));
    const keys = Array.from({ length: 40 }, (_, i) => String(i));
    // Keys 0–19: each firing alert and its resolve side by side in one job; keys 20–39: the firing
    // alerts in one job, their resolves in the next.
    const sameJob = await Promise.all(
      keys.slice(0, 20).flatMap((k) => [queue.add(alert(k, "firing")), queue.add(alert(k, "resolved"))]),
    );
    const firing = await Promise.all(keys.slice(20).map((k) => queue.add(alert(k, "firing"))));
    const resolves = await Promise.all(keys.slice(20).map((k) => queue.add(alert(k, "resolved"))));
    expect(new Set(sameJob.map((q) => q.eventId.split(".")[0])).size).toBe(2);
    expect(firing[0]!.eventId.split(".")[0]).not.toBe(resolves[0]!.eventId.split(".")[0]);

    stack.startNormalizer();
    const incidents = await eventually(
      () => stack.prisma.incident.findMany({ where: { tenantId: creds.tenantId, sourceAlertId: { startsWith: "flap-" } } }),
      (rows) => rows.length === 40 && rows.every((row) => row.status === "resolved"),
    );
    expect(incidents.map((i) => i.duplicateCount)).toEqual(Array(40).fill(0));
    const outcomes = await stack.prisma.incidentAlert.groupBy({
      by: ["outcome"],
      where: { sourceAlertId: { startsWith: "flap-" } },
      _count: true,
    });
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, o._count]))).toEqual({ created: 40, resolved: 40 });
  });
});
