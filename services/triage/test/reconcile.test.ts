import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/** Work an outage left behind is finished by the reconciler, without a person (ARCHITECTURE.md). */
let stack: TestStack;
let creds: TenantCredentials;

beforeAll(async () => {
  stack = await TestStack.start({ label: "reconcile", triage: false, reconcile: { intervalMs: 300, graceMs: 500 } });
  creds = await stack.tenant(["ingest", "read", "write"]);
});
afterAll(() => stack.close());

it("triages an incident whose triage job was lost, and finishes an investigation whose flow is gone", async () => {
  const lost = await stack.webhook(creds, "custom", {
    title: "Lost triage",
    description: "",
    sourceAlertId: "lost-1",
    severity: "critical",
  });
  expect(lost.status).toBe(201);
  // The triage job vanished (e.g. Redis lost data without AOF): nothing would ever triage this incident.
  await stack.triageQueue.obliterate({ force: true });

  const other = await stack.webhook(creds, "custom", {
    title: "Orphan",
    description: "",
    sourceAlertId: "orphan-1",
    severity: "low",
  });
  // An investigation still "running" long after its start, with no flow in Redis (its parent job was lost).
  await stack.prisma.investigation.create({
    data: {
      id: "inv_orphan",
      incidentId: other.body.incidentId,
      tenantId: creds.tenantId,
      status: "running",
      agents: ["change_detector", "incident_correlator"],
      startedAt: new Date(Date.now() - 3600_000),
    },
  });

  await stack.startTriage();
  const triaged = await eventually(
    () => stack.incident(lost.body.incidentId),
    (i) => i.investigations.some((v) => v.status === "completed"),
    30_000,
  );
  expect(triaged.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(["triaged", "investigation_started", "root_cause"]));

  const finished = await eventually(
    () => stack.prisma.investigation.findUniqueOrThrow({ where: { id: "inv_orphan" } }),
    (v) => v.status !== "running",
    30_000,
  );
  expect(finished.status).toBe("completed");
  const completed = await stack.prisma.activity.findFirstOrThrow({
    where: { incidentId: other.body.incidentId, type: "investigation.completed" },
  });
  expect(completed.data).toMatchObject({
    investigationId: "inv_orphan",
    failedAgents: ["change_detector", "incident_correlator"],
  });
});
