import { createPrismaClient, type PrismaClient } from "@causeflow/db";
import request from "supertest";
import { eventually } from "../../../test/support/eventually";
import { TEST_DATABASE_URL } from "../../../test/support/test-env";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { ActivityRelay } from "../src/relay-activity";

let stack: TestStack;
let creds: TenantCredentials;
/** The relay's own connection, one: its statistics are sent when the test asks (pg_stat_force_next_flush). */
let relayDb: PrismaClient;

// No notifier of the stack's own: this suite's relay drains when the test says.
beforeAll(async () => {
  stack = await TestStack.start({ label: "relay_coalescing" });
  creds = await stack.tenant(["ingest", "read", "admin"]);
  relayDb = createPrismaClient({ databaseUrl: TEST_DATABASE_URL, schema: stack.db.schema, maxConnections: 1 });
});
afterAll(async () => {
  await relayDb.$disconnect();
  await stack.close();
});

/** Reads of the Delivery table (the relay's "was one delivered within the minute?"), by any plan. */
async function deliveryReads(): Promise<number> {
  const [row] = await stack.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'Delivery'`,
    stack.db.schema,
  );
  return Number(row!.n);
}

describe("the activity relay in a storm of duplicates", () => {
  it("asks once per incident and channel whether one was delivered within the minute, not once per duplicate", async () => {
    await request(stack.app)
      .post(`/v1/tenants/${creds.tenantId}/channels`)
      .set("x-api-key", creds.apiKey)
      .send({ name: "dups", type: "webhook", config: { url: "https://hooks.example/dups" }, events: ["incident.duplicate"] })
      .expect(201);
    const fire = () =>
      stack.webhook(creds, "custom", { sourceAlertId: "storm", title: "Storm", severity: "high", description: "" });
    const relay = new ActivityRelay({ prisma: relayDb, queues: stack.queues, logger: stack.logger }, 60_000);
    /** Drains once, then has the relay's connection report its statistics and waits for them. */
    const drain = async () => {
      const before = await deliveryReads();
      const delivered = await relay.drain();
      await relayDb.$executeRawUnsafe(`SELECT pg_stat_force_next_flush()`);
      return { delivered, reads: (await eventually(deliveryReads, (n) => n > before)) - before };
    };
    expect((await fire()).status).toBe(201);
    expect((await fire()).status).toBe(409);
    expect((await drain()).delivered).toBe(1);
    // Within the minute, 120 more: none is delivered, and the relay asks once (it asked 120 times).
    for (let i = 0; i < 120; i += 20) await Promise.all(Array.from({ length: 20 }, fire));
    expect(await drain()).toEqual({ delivered: 0, reads: 1 });
    const deliveries = await stack.prisma.delivery.findMany({ where: { tenantId: creds.tenantId } });
    expect(deliveries.map((d) => d.activityType)).toEqual(["incident.duplicate"]);
  });
});
