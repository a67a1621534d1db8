import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";
import { signBody } from "../src/auth/webhook-signature";
import type { Gateway } from "../src/build-gateway";

// Scale-out (README, "Scaling"): two gateways, two normalizers and two triage workers on one Redis
// and one Postgres. Exactly one incident per key, every alert recorded once, every incident
// triaged once, whichever replica took which delivery.
let stack: TestStack;
let creds: TenantCredentials;
const servers: Server[] = [];
const bases: string[] = [];

function listen(app: Gateway["app"]): Promise<string> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    servers.push(server);
  });
}

beforeAll(async () => {
  stack = await TestStack.start({ label: "scaleout" });
  creds = await stack.tenant();
  stack.startNormalizer();
  await stack.startTriage();
  bases.push(await listen(stack.app), await listen((await stack.addGateway()).app));
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await stack.close();
});

/** POSTs every body, alternating gateways, `concurrency` at a time; returns the statuses. */
async function send(bodies: object[], concurrency = 48): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const raw = JSON.stringify(bodies[i]);
      const res = await fetch(`${bases[i % bases.length]}/v1/webhooks/${creds.tenantId}/custom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": creds.apiKey,
          "x-webhook-signature": signBody(creds.webhookSecret, raw),
        },
        body: raw,
      });
      await res.arrayBuffer();
      statuses[i] = res.status;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

const alert = (id: string, severity = "low") => ({ title: `Storm ${id}`, description: "", sourceAlertId: id, severity });

describe("two of every service on one Redis and Postgres", () => {
  it("a 1,000-way storm of one key: one incident, 999 duplicates, triaged once", async () => {
    const statuses = await send(Array.from({ length: 1000 }, () => alert("one-key")));
    expect(statuses.every((s) => [201, 202, 409].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(1);
    // Each gateway hears the verdicts of its own deliveries on its own channel.
    for (const gateway of [0, 1]) expect(statuses.filter((s, i) => i % 2 === gateway && s === 409).length).toBeGreaterThan(0);

    const recorded = await eventually(
      () => stack.prisma.incidentAlert.count({ where: { sourceAlertId: "one-key" } }),
      (n) => n === 1000,
      60_000,
    );
    expect(recorded).toBe(1000);
    const incidents = await stack.prisma.incident.findMany({ where: { sourceAlertId: "one-key" } });
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident!.duplicateCount).toBe(999);
    const outcomes = await stack.prisma.incidentAlert.groupBy({
      by: ["outcome"],
      where: { sourceAlertId: "one-key" },
      _count: true,
    });
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, o._count]))).toEqual({ created: 1, duplicate: 999 });

    // Each duplicate's entry carries its own running count: 1…999, none twice.
    const duplicates = await stack.prisma.activity.findMany({ where: { incidentId: incident!.id, type: "incident.duplicate" } });
    const counts = duplicates.map((d) => (d.data as { duplicateCount: number }).duplicateCount).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 999 }, (_, i) => i + 1));
    await eventually(
      () => stack.prisma.incident.findUniqueOrThrow({ where: { id: incident!.id } }),
      (row) => row.status === "triaging",
      30_000,
    );
    expect(await stack.prisma.activity.count({ where: { incidentId: incident!.id, type: "incident.triaged" } })).toBe(1);
  });

  it("500 keys, each delivered twice through different gateways: 500 incidents, each triaged once", async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `key-${i}`);
    // key-0 to gateway 0 then gateway 1, and so on: the two deliveries of a key race on different replicas.
    const statuses = await send(keys.flatMap((key) => [alert(key), alert(key)]));
    expect(statuses.every((s) => [201, 202, 409].includes(s))).toBe(true);

    await eventually(
      () => stack.prisma.incidentAlert.count({ where: { sourceAlertId: { in: keys } } }),
      (n) => n === 1000,
      60_000,
    );
    const incidents = await stack.prisma.incident.findMany({ where: { sourceAlertId: { in: keys } } });
    expect(incidents).toHaveLength(500);
    expect(new Set(incidents.map((i) => i.sourceAlertId)).size).toBe(500);
    expect(incidents.every((i) => i.duplicateCount === 1)).toBe(true);
    const triaged = await eventually(
      () =>
        stack.prisma.activity.count({
          where: { tenantId: creds.tenantId, type: "incident.triaged", incidentId: { in: incidents.map((i) => i.id) } },
        }),
      (n) => n >= 500,
      60_000,
    );
    expect(triaged).toBe(500);

    // The tenant's activity ids stay gapless and unique across every replica's batches.
    const seqs = (
      await stack.prisma.activity.findMany({
        where: { tenantId: creds.tenantId },
        select: { seq: true },
        orderBy: { seq: "asc" },
      })
    ).map((a) => Number(a.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});
