import { purgeExpired } from "@causeflow/domain";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

let stack: TestStack;
let creds: TenantCredentials;
beforeAll(async () => {
  stack = await TestStack.start({ label: "retention", triage: false });
  creds = await stack.tenant(["ingest", "read", "write"]);
});
afterAll(() => stack.close());

it("empties old raw bodies and drops resolved incidents' details in batches; open incidents and the audit trail stay", async () => {
  const open = await stack.webhook(creds, "custom", { title: "Still open", description: "", sourceAlertId: "keep" });
  const gone = await stack.webhook(creds, "custom", { title: "Done", description: "", sourceAlertId: "done" });
  await stack.webhook(creds, "custom", { title: "Done", description: "", sourceAlertId: "done", status: "resolved" });
  const soon = await purgeExpired(stack.prisma, { retentionDays: 30 });
  expect(soon).toEqual({ rawBodies: 0, incidentAlerts: 0, evidence: 0 });

  const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
  const report = await purgeExpired(stack.prisma, { retentionDays: 30, batch: 2, now: later });
  expect(report.rawBodies).toBe(3);
  expect(report.incidentAlerts).toBe(2);
  expect(await stack.prisma.alertEvent.count({ where: { tenantId: creds.tenantId, rawBody: { not: "" } } })).toBe(0);
  expect(await stack.prisma.incidentAlert.count({ where: { incidentId: gone.body.incidentId } })).toBe(0);
  expect(await stack.prisma.incidentAlert.count({ where: { incidentId: open.body.incidentId } })).toBe(1);
  expect(await stack.prisma.incident.count({ where: { tenantId: creds.tenantId } })).toBe(2);
  expect(await stack.prisma.activity.count({ where: { incidentId: gone.body.incidentId } })).toBeGreaterThanOrEqual(2);
  expect(await purgeExpired(stack.prisma, { retentionDays: 0, now: later })).toEqual({
    rawBodies: 0,
    incidentAlerts: 0,
    evidence: 0,
  });
});
