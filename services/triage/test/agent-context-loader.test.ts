import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { AgentContextLoader } from "../src/agent-context-loader";

let db: TestDatabase;
const at = new Date("2026-11-30T05:00:00.000Z");

beforeAll(async () => {
  db = await createTestDatabase("agent_context_loader");
  const { prisma } = db;
  await prisma.tenant.create({ data: { id: "ten_1", name: "acme" } });
  for (const [id, sourceAlertId] of [
    ["inc_1", "a"],
    ["inc_2", "b"],
  ] as const) {
    await prisma.incident.create({
      data: {
        id,
        tenantId: "ten_1",
        title: "API 5xx",
        description: "",
        severity: "high",
        status: "investigating",
        source: "custom",
        sourceAlertId,
        firstSeenAt: at,
        lastSeenAt: at,
        occurredAt: at,
      },
    });
    await prisma.investigation.create({
      data: { id: `inv_${id}`, incidentId: id, tenantId: "ten_1", status: "running", agents: ["change_detector"], startedAt: at },
    });
  }
});
afterAll(() => db.close());

const job = (incidentId: string, investigationId = `inv_${incidentId}`) => ({
  tenantId: "ten_1",
  incidentId,
  investigationId,
  trace: {},
});

describe("AgentContextLoader", () => {
  it("gives the agents of one investigation, starting together, one read; each other investigation its own", async () => {
    const loader = new AgentContextLoader(db.prisma);
    const [a, b, c, missing] = await Promise.all([
      loader.load(job("inc_1")),
      loader.load(job("inc_1")),
      loader.load(job("inc_2")),
      loader.load(job("inc_1", "inv_not_committed")),
    ]);
    expect(a?.investigation.id).toBe("inv_inc_1");
    expect(b).toBe(a);
    expect(c?.incident.id).toBe("inc_2");
    expect(c).not.toBe(a);
    expect(missing).toBeNull();
    // Once settled, a later load reads again (a retried agent sees the investigation as it is now).
    await db.prisma.investigation.update({ where: { id: "inv_inc_1" }, data: { status: "completed" } });
    expect((await loader.load(job("inc_1")))?.investigation.status).toBe("completed");
  });
});
