import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../../test/support/dedicated-redis";
import { eventually } from "../../../test/support/eventually";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager, which .ci/run installs)
 * sending to CauseFlow through several repeat intervals: its own metrics must show no failed
 * notification, and the repeats must be counted as duplicates of one incident.
 */
const BINARY = "prometheus-alertmanager";
const installed = spawnSync(BINARY, ["--version"]).status === 0;
const describeIfInstalled = installed ? describe : describe.skip;
if (!installed) console.warn(`${BINARY} is not installed: the real Alertmanager test is skipped (.ci/run installs it)`);

describeIfInstalled("with a real Alertmanager", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  let server: Server;
  let alertmanager: ChildProcess;
  let amUrl: string;
  let dir: string;

  beforeAll(async () => {
    stack = await TestStack.start({ label: "amreal", triage: false });
    creds = await stack.tenant(["ingest", "read"]);
    server = await new Promise<Server>((resolve) => {
      const s = stack.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const gatewayPort = (server.address() as AddressInfo).port;
    const amPort = await freePort();
    amUrl = `http://127.0.0.1:${amPort}`;
    dir = mkdtempSync(path.join(tmpdir(), "causeflow-am-"));
    writeFileSync(
      path.join(dir, "alertmanager.yml"),
      `route:
  receiver: causeflow
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 2s
receivers:
  - name: causeflow
    webhook_configs:
      - url: http://127.0.0.1:${gatewayPort}/v1/webhooks/${creds.tenantId}/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${creds.apiKey}
`,
    );
    alertmanager = spawn(
      BINARY,
      [
        `--config.file=${path.join(dir, "alertmanager.yml")}`,
        `--storage.path=${dir}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        "--cluster.listen-address=",
      ],
      { stdio: "ignore" },
    );
    await eventually(
      () =>
        fetch(`${amUrl}/-/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      20_000,
    );
  });

  afterAll(async () => {
    alertmanager?.kill("SIGKILL");
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A counter of Alertmanager's own /metrics for the webhook integration. */
  const metric = async (name: string) => {
    const text = await (await fetch(`${amUrl}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes('integration="webhook"'));
    return Number(line?.split(" ").pop() ?? 0);
  };
  const push = (endsAt?: string) =>
    fetch(`${amUrl}/api/v2/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        {
          labels: { alertname: "CauseFlowDiskFull", severity: "critical", service: "db" },
          annotations: { summary: "Disk full on db-1" },
          startsAt: new Date(Date.now() - 1000).toISOString(),
          ...(endsAt ? { endsAt } : {}),
        },
      ]),
    });

  it("repeats are 200 duplicates (no failed notification), and a resolve resolves the incident", async () => {
    expect((await push()).status).toBe(200);
    const incident = await eventually(
      () => stack.prisma.incident.findFirst({ where: { tenantId: creds.tenantId, source: "alertmanager" } }),
      (i) => (i?.duplicateCount ?? 0) >= 3,
      60_000,
    );
    expect(incident!.title).toBe("CauseFlowDiskFull");
    expect(await metric("alertmanager_notifications_total")).toBeGreaterThanOrEqual(4);
    expect(await metric("alertmanager_notifications_failed_total")).toBe(0);
    expect(await stack.prisma.incident.count({ where: { tenantId: creds.tenantId } })).toBe(1);

    expect((await push(new Date().toISOString())).status).toBe(200);
    const resolved = await eventually(
      () => stack.prisma.incident.findUniqueOrThrow({ where: { id: incident!.id } }),
      (i) => i.status === "resolved",
      60_000,
    );
    expect(resolved.resolvedByKind).toBe("provider");
    expect(await metric("alertmanager_notifications_failed_total")).toBe(0);
  });
});
