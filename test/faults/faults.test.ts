import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { QUEUE_NAMES } from "@causeflow/contracts";
import { Queue } from "bullmq";
import { Client } from "pg";
import { freePort } from "../support/dedicated-redis";
import { sendAlerts, type SentAlert } from "./alert-sender";
import { PrivatePostgres } from "./private-postgres";
import { PrivateRedis } from "./private-redis";
import { ServiceProcess } from "./service-process";

/**
 * The fault suite (npm run test:faults): the real services, built, on a private PostgreSQL and a
 * private Redis (AOF), fed alerts by a client that retries like a monitoring tool, while each
 * component in turn is killed and restarted. Every acknowledged alert must be an incident exactly
 * once, no job may end failed, no investigation may stay running, and every critical/high
 * incident must get its investigation.
 */
const ROOT = path.resolve(__dirname, "../..");
const ALERTS_PER_FAULT = Number(process.env.FAULT_ALERTS ?? 400);
const ADMIN_TOKEN = "fault-suite-admin-token-0123";
const run = promisify(execFile);

interface Row {
  fault: string;
  sent: number;
  acknowledged: number;
  persisted: number;
  lost: number;
  duplicated: number;
  stuck: number;
  failedJobs: number;
  recoverySeconds: number;
}

const rows: Row[] = [];
let dir: string;
let postgres: PrivatePostgres;
let redis: PrivateRedis;
let db: Client;
const services: Record<"gateway" | "normalizer" | "triage" | "notifier", ServiceProcess> = {} as never;
let baseUrl: string;
let env: NodeJS.ProcessEnv;

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
      if (done(value)) return value;
    } catch {
      // a store may be down on purpose
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

async function connectDb(): Promise<void> {
  db = new Client({ connectionString: postgres.url });
  db.on("error", () => undefined);
  await db.connect();
}

async function tenant(name: string) {
  const call = async (url: string, body: object) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, string>>;
  };
  const t = await call("/v1/tenants", { name });
  const k = await call(`/v1/tenants/${t.tenantId}/api-keys`, { name: "faults", scopes: ["ingest", "read", "write"] });
  return { tenantId: t.tenantId!, apiKey: k.apiKey!, webhookSecret: k.webhookSecret! };
}

async function failedJobs(): Promise<number> {
  let failed = 0;
  for (const name of QUEUE_NAMES) {
    const queue = new Queue(name, { connection: { url: redis.url }, prefix: "faults" });
    const count = (await queue.getJobCounts("failed")).failed ?? 0;
    if (count > 0) {
      const jobs = await queue.getFailed(0, 2);
      process.stdout.write(`\nfailed in ${name}: ${count}, e.g. ${jobs.map((j) => j.failedReason).join(" | ")}\n`);
    }
    failed += count;
    await queue.close();
  }
  return failed;
}

const SEVERITIES = ["critical", "low", "medium", "info", "low", "high", "medium", "low", "info", "medium"];

/** Sends a fault's alerts, injecting `fault` a third of the way in; then waits until everything settles. */
async function scenario(fault: string, inject: () => Promise<void>): Promise<Row> {
  const creds = await tenant(fault);
  const alerts = Array.from({ length: ALERTS_PER_FAULT }, (_, i) => ({
    sourceAlertId: `${fault.replace(/\W+/g, "-")}-${i}`,
    severity: SEVERITIES[i % SEVERITIES.length]!,
    service: `svc-${i % 7}`,
  }));
  let injected: Promise<void> | undefined;
  let restoredAt = Date.now();
  const sent: SentAlert[] = await sendAlerts({ baseUrl, ...creds, concurrency: 16 }, alerts, (done) => {
    if (!injected && done >= ALERTS_PER_FAULT / 3) {
      injected = inject().then(() => {
        restoredAt = Date.now();
      });
    }
  });
  await injected;
  const acknowledged = new Set(sent.map((s) => s.sourceAlertId));
  const urgent = new Set(sent.filter((s) => s.severity === "critical" || s.severity === "high").map((s) => s.sourceAlertId));

  let settled = true;
  try {
    await waitFor(
      `${fault}: every acknowledged alert persisted, triaged and investigated`,
      async () => {
        const [counts] = await query<{ incidents: number; keys: number; open: number; running: number; urgentDone: number }>(
          `SELECT count(*)::int AS incidents, count(DISTINCT "sourceAlertId")::int AS keys,
                  count(*) FILTER (WHERE status = 'open' OR (status = 'triaging' AND cardinality("assignedAgents") > 0))::int AS open,
                  (SELECT count(*)::int FROM "Investigation" v WHERE v."tenantId" = $1 AND v.status = 'running') AS running,
                  (SELECT count(DISTINCT v."incidentId")::int FROM "Investigation" v WHERE v."tenantId" = $1 AND v.status = 'completed') AS "urgentDone"
           FROM "Incident" WHERE "tenantId" = $1`,
          [creds.tenantId],
        );
        return counts!;
      },
      (c) => c.keys >= acknowledged.size && c.open === 0 && c.running === 0 && c.urgentDone >= urgent.size,
      180_000,
    );
  } catch (error) {
    settled = false;
    process.stdout.write(`\n${(error as Error).message}\n`);
  }
  const recoverySeconds = (Date.now() - restoredAt) / 1000;
  const incidents = await query<{ sourceAlertId: string; n: number }>(
    `SELECT "sourceAlertId", count(*)::int AS n FROM "Incident" WHERE "tenantId" = $1 GROUP BY 1`,
    [creds.tenantId],
  );
  const persisted = incidents.filter((i) => acknowledged.has(i.sourceAlertId)).length;
  const [stuck] = await query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM "Incident" WHERE "tenantId" = $1 AND (status = 'open' OR (status = 'triaging' AND cardinality("assignedAgents") > 0)))
           + (SELECT count(*) FROM "Investigation" WHERE "tenantId" = $1 AND status = 'running'))::int AS n`,
    [creds.tenantId],
  );
  const row: Row = {
    fault,
    sent: alerts.length,
    acknowledged: acknowledged.size,
    persisted,
    lost: acknowledged.size - persisted,
    duplicated: incidents.filter((i) => i.n > 1).length,
    stuck: stuck!.n,
    failedJobs: await failedJobs(),
    recoverySeconds: settled ? Math.round(recoverySeconds * 10) / 10 : NaN,
  };
  rows.push(row);
  return row;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "causeflow-faults-"));
  // The postgres user (initdb refuses to run as root) must reach its data folder inside.
  chmodSync(dir, 0o755);
  postgres = new PrivatePostgres(path.join(dir, "postgres"), await freePort());
  postgres.init();
  postgres.start();
  redis = new PrivateRedis(path.join(dir, "redis"), await freePort());
  await redis.start();
  await run("node", [path.join(ROOT, "packages/db/scripts/migrate.mjs")], {
    env: { ...process.env, DATABASE_URL: postgres.url },
  });
  await connectDb();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "faults",
    ADMIN_TOKEN,
    SECRETS_KEY: "b".repeat(64),
    PORT: String(port),
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? "warn",
    WEBHOOK_VERDICT_TIMEOUT_MS: "1000",
    WEBHOOK_RATE_LIMIT_PER_MINUTE: "10000000",
    // The old retry budget (10 attempts) would be spent in ~7 s at this pace: outages below last longer.
    JOB_BACKOFF_BASE_MS: "100",
    JOB_BACKOFF_MAX_MS: "1000",
    NORMALIZER_LOCK_DURATION_MS: "5000",
    TRIAGE_LOCK_DURATION_MS: "5000",
    AGENT_TIME_BUDGET_MS: "10000",
    RECONCILE_INTERVAL_MS: "2000",
    RECONCILE_GRACE_MS: "5000",
    SHUTDOWN_TIMEOUT_MS: "5000",
    OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
    NOTIFIER_POLL_MS: "500",
    NOTIFIER_LOCK_DURATION_MS: "5000",
  };
  for (const name of ["gateway", "normalizer", "triage", "notifier"] as const) {
    services[name] = new ServiceProcess(name, env, dir);
    services[name].start();
  }
  await waitFor(
    "gateway up",
    () => fetch(`${baseUrl}/readyz`).then((r) => r.status),
    (s) => s === 200,
    60_000,
  );
}, 180_000);

afterAll(async () => {
  for (const service of Object.values(services)) service.close();
  await db?.end().catch(() => undefined);
  await redis?.kill();
  postgres?.stop();
  const widths = [34, 6, 13, 10, 5, 11, 6, 11, 9];
  const header = ["fault", "sent", "acknowledged", "persisted", "lost", "duplicated", "stuck", "failed jobs", "recovery s"];
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(widths[i]!)).join(" ");
  process.stdout.write(
    `\nFault suite (${ALERTS_PER_FAULT} alerts per fault, private Redis with AOF and private PostgreSQL)\n${line(header)}\n${rows
      .map((r) =>
        line([r.fault, r.sent, r.acknowledged, r.persisted, r.lost, r.duplicated, r.stuck, r.failedJobs, r.recoverySeconds]),
      )
      .join("\n")}\n`,
  );
  if (!process.env.FAULT_KEEP) rmSync(dir, { recursive: true, force: true });
});

const expectClean = (row: Row) => {
  expect(row).toMatchObject({ lost: 0, duplicated: 0, stuck: 0, failedJobs: 0 });
  expect(row.acknowledged).toBe(row.sent);
};

it("no fault (baseline)", async () => {
  expectClean(await scenario("none", async () => undefined));
});

it("gateway killed with -9 and restarted", async () => {
  expectClean(
    await scenario("gateway kill -9", async () => {
      await services.gateway.kill();
      await new Promise((r) => setTimeout(r, 1000));
      services.gateway.start();
    }),
  );
});

it("normalizer killed with -9 mid-job and restarted", async () => {
  expectClean(
    await scenario("normalizer kill -9", async () => {
      await services.normalizer.kill();
      await new Promise((r) => setTimeout(r, 2000));
      services.normalizer.start();
    }),
  );
});

it("triage killed with -9 mid-investigation and restarted", async () => {
  expectClean(
    await scenario("triage kill -9", async () => {
      await services.triage.kill();
      await new Promise((r) => setTimeout(r, 2000));
      services.triage.start();
    }),
  );
});

it("Redis killed with -9 (AOF on) and restarted", async () => {
  expectClean(
    await scenario("redis kill -9 (AOF)", async () => {
      await redis.kill();
      await new Promise((r) => setTimeout(r, 3000));
      await redis.start();
    }),
  );
});

it("PostgreSQL crashed (stop -m immediate) for 20 s, longer than the old retry budget", async () => {
  expectClean(
    await scenario("postgres down 20 s", async () => {
      await db.end().catch(() => undefined);
      postgres.crash();
      await new Promise((r) => setTimeout(r, 20_000));
      postgres.start();
      await connectDb();
    }),
  );
});

it("notifier killed with -9 during a burst of 1,000 incidents: every delivery made, to both channels", async () => {
  const { createServer } = await import("node:http");
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    const id = String(req.headers["webhook-id"]);
    received.set(id, (received.get(id) ?? 0) + 1);
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  try {
    const creds = await tenant("notifier-soak");
    const channelIds: string[] = [];
    for (const name of ["first", "second"]) {
      const res = await fetch(`${baseUrl}/v1/tenants/${creds.tenantId}/channels`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ name, type: "webhook", config: { url }, events: ["incident.created"], minSeverity: "info" }),
      });
      expect(res.status).toBe(201);
      channelIds.push(((await res.json()) as { channelId: string }).channelId);
    }
    const burst = Array.from({ length: 1000 }, (_, i) => ({ sourceAlertId: `soak-${i}`, severity: "low", service: "soak" }));
    let killed: Promise<void> | undefined;
    let restoredAt = Date.now();
    const sent = await sendAlerts({ baseUrl, ...creds, concurrency: 32 }, burst, (done) => {
      if (!killed && done >= 300) {
        killed = services.notifier.kill().then(async () => {
          await new Promise((r) => setTimeout(r, 2000));
          services.notifier.start();
          restoredAt = Date.now();
        });
      }
    });
    await killed;
    expect(sent).toHaveLength(1000);
    const expected = channelIds.length * 1000;
    await waitFor(
      "every delivery made",
      () =>
        query<{ delivered: number; total: number }>(
          `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*)::int AS total FROM "Delivery" WHERE "tenantId" = $1`,
          [creds.tenantId],
        ),
      (r) => r[0]!.delivered === expected,
      180_000,
    );
    const repeats = [...received.values()].filter((n) => n > 1).length;
    rows.push({
      fault: "notifier kill -9 (1,000 × 2 channels)",
      sent: expected,
      acknowledged: expected,
      persisted: received.size,
      lost: expected - received.size,
      duplicated: repeats,
      stuck: 0,
      failedJobs: await failedJobs(),
      recoverySeconds: Math.round((Date.now() - restoredAt) / 100) / 10,
    });
    // Every delivery reached the receiver; at-least-once means a delivery cut off mid-request may arrive twice, never more.
    expect(received.size).toBe(expected);
    expect([...received.values()].every((n) => n <= 2)).toBe(true);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

it("SIGTERM: the gateway answers every request in flight (202 with its eventId), the workers hand back their jobs, all within the deadline", async () => {
  const creds = await tenant("sigterm");
  await services.normalizer.terminate();
  const body = (i: number) => JSON.stringify({ title: "t", description: "", sourceAlertId: `sigterm-${i}`, severity: "low" });
  const { createHmac } = await import("node:crypto");
  const inflight = Array.from({ length: 50 }, (_, i) =>
    fetch(`${baseUrl}/v1/webhooks/${creds.tenantId}/custom`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": creds.apiKey,
        "x-webhook-signature": `sha256=${createHmac("sha256", creds.webhookSecret).update(body(i)).digest("hex")}`,
      },
      body: body(i),
    }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as { eventId?: string } }),
      (e: Error) => ({ status: 0, body: { error: e.message } as { eventId?: string } }),
    ),
  );
  await new Promise((r) => setTimeout(r, 300));
  const stopped = await services.gateway.terminate();
  const answers = await Promise.all(inflight);
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
  expect(answers.every((a) => typeof a.body.eventId === "string")).toBe(true);
  expect(stopped.code).toBe(0);
  expect(stopped.ms).toBeLessThan(7_000);

  services.gateway.start();
  services.normalizer.start();
  await waitFor(
    "every 202 became an incident",
    () => query<{ n: number }>(`SELECT count(*)::int AS n FROM "Incident" WHERE "sourceAlertId" LIKE 'sigterm-%'`),
    (r) => r[0]!.n === 50,
    60_000,
  );
  const worker = await services.triage.terminate();
  expect(worker.code).toBe(0);
  expect(worker.ms).toBeLessThan(7_000);
  services.triage.start();
});
