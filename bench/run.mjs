#!/usr/bin/env node
// `npm run bench`: the whole stack (gateway, normalizer, triage, notifier from dist/, real Redis and
// Postgres, loopback) under load, next to a bare Express route and, when installed, Prometheus
// Alertmanager, in the same run. Ratios and CPU per alert are the figures; absolute rates move with
// the machine. Scenarios: sync verdicts, 202 (queued) intake, grouped Alertmanager payloads of 100
// alerts and the same groups resolved, a duplicate storm of one key.
import { spawn, spawnSync } from "node:child_process";
import { heapSnapshotFlags, liveHeapMb } from "./heap-snapshots.mjs";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { cpuMs, cpuSnapshot, pidsNamed, rssMb } from "./proc-stats.mjs";
import { measureRoundTrip } from "./round-trip.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const db = require(path.join(root, "packages/db/dist/index.js"));
const { QUEUE_NAMES } = require(path.join(root, "packages/contracts/dist/index.js"));

const N = Number(process.env.BENCH_REQUESTS ?? 6000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/causeflow_bench";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const SCHEMA = "bench";
const PREFIX = `causeflow-bench-${randomBytes(3).toString("hex")}`;
const ADMIN_TOKEN = randomBytes(16).toString("hex");
const SERVICES = ["gateway", "normalizer", "triage", "notifier"];
/** Runs only the scenarios whose label matches (e.g. BENCH_ONLY=investigated), when set. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
// BENCH_HEAP=<dir>: each service's live heap (a heap snapshot, after V8's full collection) after
// the first pass and at the end. Off by default: a snapshot's collection shrinks the heap, and
// writing it grows the RSS, that the other memory lines measure.
const HEAP_DIR = process.env.BENCH_HEAP;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startStack(port) {
  const env = {
    ...process.env,
    DATABASE_URL: `${DATABASE_URL}?schema=${SCHEMA}`,
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    PORT: String(port),
    ADMIN_TOKEN,
    SECRETS_KEY: randomBytes(32).toString("hex"),
    // The services' default level (a request line and a delivery line at info), unless BENCH_LOG_LEVEL says otherwise.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    WEBHOOK_RATE_LIMIT_PER_MINUTE: "100000000",
    // The notification scenario's receiver listens on loopback.
    OUTBOUND_ALLOWED_HOSTS: "127.0.0.1",
  };
  const children = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      spawn(
        process.execPath,
        [
          ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : []),
          ...(HEAP_DIR ? heapSnapshotFlags(HEAP_DIR) : []),
          path.join(root, `services/${name}/dist/main.js`),
        ],
        { env, stdio: ["ignore", "ignore", "inherit"] },
      ),
    ]),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return children;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the stack did not become ready");
    await sleep(100);
  }
}

/**
 * autocannon's run, with `rate`: requests answered per second, from the first request to the last
 * answer (autocannon's own duration is counted in whole seconds of its ticks).
 */
function load(url, amount, setupRequest, connections = CONNECTIONS) {
  const started = process.hrtime.bigint();
  let last = started;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, amount, method: "POST", requests: [{ setupRequest }] }, (error, result) =>
      error
        ? reject(error)
        : resolve({
            ...result,
            rate: result.requests.total / (Number(last - started) / 1e9),
            elapsedMs: Number(last - started) / 1e6,
          }),
    );
    instance.on("response", () => {
      last = process.hrtime.bigint();
    });
  });
}

async function waitFor(probe, done, ms = 180_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(25);
  }
}

async function main() {
  await db.ensureDatabase(DATABASE_URL);
  await db.applyMigrationsToSchema(DATABASE_URL, SCHEMA);
  const prisma = db.createPrismaClient({ databaseUrl: DATABASE_URL, schema: SCHEMA });
  // The bench's own probes (a count every 50 ms during a load, and until it has settled) on one
  // connection of their own, whose backend is left out of PostgreSQL's CPU: the observer's work
  // is not CauseFlow's (80 ms over an uninvestigated run and its warm-up, ≤ 0.013 ms an alert).
  const { Client } = createRequire(path.join(root, "packages/db/package.json"))("pg");
  const probes = new Client({ connectionString: DATABASE_URL, options: `-c search_path=${SCHEMA}` });
  await probes.connect();
  const probePid = (await probes.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  const count = async (sql, ...params) => Number((await probes.query(sql, params)).rows[0].n);
  const port = await freePort();
  const children = await startStack(port);
  const base = `http://127.0.0.1:${port}`;
  const rows = [];
  /** Which pass of the loads a scenario belongs to: the second repeats the first's heaviest, to judge memory. */
  let pass = 1;
  const notes = [];
  const rssStart = Object.fromEntries(SERVICES.map((s) => [s, rssMb(children[s].pid)]));
  const groups = {
    ...Object.fromEntries(SERVICES.map((s) => [s, [children[s].pid]])),
    postgres: () => pidsNamed("postgres").filter((pid) => pid !== probePid),
    redis: () => pidsNamed("redis-server"),
  };
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
  const newTenant = async (name, integrations = {}) => {
    const tenant = await (
      await fetch(`${base}/v1/tenants`, { method: "POST", headers: admin, body: JSON.stringify({ name }) })
    ).json();
    const key = await (
      await fetch(`${base}/v1/tenants/${tenant.tenantId}/api-keys`, {
        method: "POST",
        headers: admin,
        body: '{"name":"bench","scopes":["ingest","read"]}',
      })
    ).json();
    for (const [provider, body] of Object.entries(integrations)) {
      await fetch(`${base}/v1/tenants/${tenant.tenantId}/integrations/${provider}`, {
        method: "PUT",
        headers: admin,
        body: JSON.stringify(body),
      });
    }
    return { tenantId: tenant.tenantId, apiKey: key.apiKey, secret: key.webhookSecret };
  };
  /** Signed `custom` alerts; every 5th is high (investigated at once) unless `investigate` is false. */
  const signedCustom = (t, idOf, investigate = true) => {
    let n = 0;
    return (req) => {
      n += 1;
      const severity = investigate && n % 5 === 0 ? "high" : "low";
      const body = JSON.stringify({
        title: `Bench alert ${n}`,
        description: "load test",
        sourceAlertId: idOf(n),
        severity,
        service: `svc-${n % 20}`,
      });
      return {
        ...req,
        body,
        headers: {
          "content-type": "application/json",
          "x-api-key": t.apiKey,
          "x-webhook-signature": `sha256=${createHmac("sha256", t.secret).update(body).digest("hex")}`,
        },
      };
    };
  };

  /** Waits until no queue holds work, so a scenario's CPU is its own (not the previous one's tail). */
  const redisClient = new Redis(REDIS_URL);
  /** Redis's memory in use (all of it: the bench's keys, the finished jobs it keeps), MB. */
  const redisUsedMb = async () => Math.round(Number(/used_memory:(\d+)/.exec(await redisClient.info("memory"))[1]) / 1e6);
  const redisStart = await redisUsedMb();
  const quiet = () =>
    waitFor(
      async () => {
        let busy = 0;
        for (const queue of QUEUE_NAMES.filter((q) => q !== "maintenance")) {
          busy += await redisClient.llen(`${PREFIX}:${queue}:wait`);
          busy += await redisClient.llen(`${PREFIX}:${queue}:active`);
          busy += await redisClient.zcard(`${PREFIX}:${queue}:waiting-children`);
        }
        return busy;
      },
      (n) => n === 0,
    );

  /** A table row's load figures (autocannon's result). */
  const loadFigures = (label, result) => ({
    label,
    reqs: result.rate,
    p50: result.latency.p50,
    p99: result.latency.p99,
    answered: result["2xx"] + result.non2xx,
    errors: result.errors + result.timeouts,
  });
  /** CPU ms of each process group between two snapshots, per unit of work. */
  const cpuPer = (before, after, units) =>
    Object.fromEntries(Object.keys(groups).map((g) => [g, (after[g] - before[g]) / Math.max(1, units)]));
  const rssNow = () => Object.fromEntries(SERVICES.map((s) => [s, rssMb(children[s].pid)]));

  /** Runs a load against the stack and measures what became of it. */
  const scenario = async ({ label, tenant, provider, amount, setup, alertsPerRequest = 1, persisted, connections, settled }) => {
    if (ONLY && !ONLY.test(label)) return;
    const url = `${base}/v1/webhooks/${tenant.tenantId}/${provider}`;
    await quiet();
    const cpuBefore = cpuSnapshot(groups);
    const started = Date.now();
    // Persisted counts are sampled during the load too: autocannon reports only at its next
    // one-second tick, so reading them after it would round every rate down to whole seconds.
    // RSS too: its peak through the load is what a pass of the same work is compared on.
    const samples = [];
    const rssPeak = rssNow();
    const sampleRss = () => {
      const now = rssNow();
      for (const [s, mb] of Object.entries(now)) rssPeak[s] = Math.max(rssPeak[s], mb);
      return now;
    };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push([Date.now(), await persisted()]);
        sampleRss();
        await sleep(50);
      }
    })();
    const result = await load(url, amount, setup, connections);
    const answeredAt = started + result.elapsedMs;
    const alerts = (result["2xx"] + (result.statusCodeStats?.["409"]?.count ?? 0)) * alertsPerRequest;
    const done = await waitFor(persisted, (n) => n >= alerts);
    sampling = false;
    await sampler;
    const persistedAt = samples.find(([, n]) => n >= alerts)?.[0] ?? Date.now();
    const triaged = await waitFor(
      () => count(`SELECT count(*)::int AS n FROM "Incident" WHERE "tenantId" = $1 AND status = 'open'`, tenant.tenantId),
      (n) => n === 0,
    );
    const triagedAt = Date.now();
    // Let investigations finish before reading CPU, so their cost is counted in this scenario.
    await waitFor(
      () => count(`SELECT count(*)::int AS n FROM "Investigation" WHERE "tenantId" = $1 AND status = 'running'`, tenant.tenantId),
      (n) => n === 0,
    );
    // And whatever else the scenario waits for (its notifications delivered).
    if (settled) await waitFor(settled, Boolean);
    rows.push({
      ...loadFigures(label, result),
      alerts,
      persistedPerSecond: done >= alerts ? alerts / ((persistedAt - started) / 1000) : NaN,
      triageLagSeconds: triaged === 0 ? (triagedAt - answeredAt) / 1000 : NaN,
      cpu: cpuPer(cpuBefore, cpuSnapshot(groups), alerts),
      // After triage and investigations too, which the sampler (stopped once all was persisted) did not see.
      rss: sampleRss(),
      rssPeak,
      pass,
      redisMb: await redisUsedMb(),
    });
  };

  try {
    // Bare Express in its own process (as each service runs): the same bodies, JSON parsed, 201.
    // Measured first, as the yardstick, and again at the end: how far the machine drifted meanwhile.
    const bareRow = async (label) => {
      const barePort = await freePort();
      const bareScript = `const express = require("express"); const app = express();
        app.post("/bare", express.raw({ type: () => true, limit: "1mb" }), (req, res) => { JSON.parse(req.body.toString("utf8")); res.status(201).json({ ok: true }); });
        app.listen(${barePort}, "127.0.0.1", () => process.send("ready"));`;
      const bareProcess = spawn(process.execPath, ["-e", bareScript], {
        cwd: path.join(root, "services/gateway"),
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      await new Promise((resolve) => bareProcess.once("message", resolve));
      const bareTenant = { apiKey: "x", secret: "x" };
      await load(
        `http://127.0.0.1:${barePort}/bare`,
        2000,
        signedCustom(bareTenant, (n) => `w${n}`),
      );
      const bareCpu = cpuMs(bareProcess.pid);
      const bare = await load(
        `http://127.0.0.1:${barePort}/bare`,
        N,
        signedCustom(bareTenant, (n) => `b${n}`),
      );
      // Its CPU per request is this machine's yardstick for the CPU figures (they move with the machine as rates do).
      const bareCpuPerRequest = (cpuMs(bareProcess.pid) - bareCpu) / bare.requests.total;
      bareProcess.kill();
      return {
        ...loadFigures(label, bare),
        cpu: { ...Object.fromEntries(Object.keys(groups).map((g) => [g, 0])), gateway: bareCpuPerRequest },
      };
    };
    rows.push(await bareRow("bare Express 5 route"));
    const roundTrips = [await measureRoundTrip(REDIS_URL)];

    // Alertmanager's own API, as a reference for what an alert ingester on this box does.
    if (spawnSync("prometheus-alertmanager", ["--version"]).status === 0) {
      const dir = mkdtempSync(path.join(tmpdir(), "bench-am-"));
      writeFileSync(path.join(dir, "am.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
      const amPort = await freePort();
      const am = spawn(
        "prometheus-alertmanager",
        [
          `--config.file=${dir}/am.yml`,
          `--storage.path=${dir}`,
          `--web.listen-address=127.0.0.1:${amPort}`,
          "--cluster.listen-address=",
        ],
        { stdio: "ignore" },
      );
      await waitFor(
        () =>
          fetch(`http://127.0.0.1:${amPort}/-/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        (s) => s === 200,
        20_000,
      );
      let a = 0;
      const amReq = (req) => {
        a += 1;
        return {
          ...req,
          headers: { "content-type": "application/json" },
          body: JSON.stringify([{ labels: { alertname: `Bench${a}`, severity: "warning" }, annotations: { summary: "load" } }]),
        };
      };
      await load(`http://127.0.0.1:${amPort}/api/v2/alerts`, 2000, amReq);
      const amResult = await load(`http://127.0.0.1:${amPort}/api/v2/alerts`, N, amReq);
      am.kill("SIGKILL");
      rows.push(loadFigures("Alertmanager 0.25 API", amResult));
    } else notes.push("prometheus-alertmanager is not installed: its row is skipped");

    /** Alertmanager payloads of 100 alerts each (firing, or the same ones resolved), distinct fingerprints. */
    const groupedBodies = (t, status = "firing") => {
      let g = 0;
      return (req) => {
        g += 1;
        const alerts = Array.from({ length: 100 }, (_, i) => ({
          status,
          labels: { alertname: `Grouped${i}`, severity: "warning", service: `svc-${i % 20}` },
          annotations: { summary: "grouped load" },
          startsAt: new Date().toISOString(),
          fingerprint: `g${g}-${i}`,
        }));
        return {
          ...req,
          headers: { "content-type": "application/json", "x-api-key": t.apiKey },
          body: JSON.stringify({ version: "4", status, alerts }),
        };
      };
    };

    // Warm-up of the stack (JIT, pools), not measured, on every path the scenarios take (as the
    // bare route and Alertmanager get theirs): sync verdicts, 202 intake, duplicates of one key,
    // grouped payloads. Without it the first scenario of each kind paid for its code's compilation.
    const warm = await newTenant("warm");
    await load(
      `${base}/v1/webhooks/${warm.tenantId}/custom`,
      2000,
      signedCustom(warm, (n) => `warm-${n}`),
    );
    const warmQueued = await newTenant("warm-queued", { custom: { verdictTimeoutMs: 0 }, alertmanager: { verdictTimeoutMs: 0 } });
    await load(
      `${base}/v1/webhooks/${warmQueued.tenantId}/custom`,
      2000,
      signedCustom(warmQueued, () => "warm-same-key"),
    );
    await load(`${base}/v1/webhooks/${warmQueued.tenantId}/alertmanager`, 30, groupedBodies(warmQueued), 8);
    await load(`${base}/v1/webhooks/${warmQueued.tenantId}/alertmanager`, 30, groupedBodies(warmQueued, "resolved"), 8);

    const persistedIncidents = (t) => () => count(`SELECT count(*)::int AS n FROM "Incident" WHERE "tenantId" = $1`, t.tenantId);
    /** Every request waits for its verdict, every 5th `high` (investigated at once), on a tenant of its own. */
    const syncLoad = async (label) => {
      const sync = await newTenant("sync");
      await scenario({
        label,
        tenant: sync,
        provider: "custom",
        amount: N,
        setup: signedCustom(sync, (n) => `s-${n}`),
        persisted: persistedIncidents(sync),
      });
    };
    await syncLoad("CauseFlow sync verdict");

    const low = await newTenant("low", { custom: { verdictTimeoutMs: 0 } });
    await scenario({
      label: "202, none investigated",
      tenant: low,
      provider: "custom",
      amount: N,
      setup: signedCustom(low, (n) => `l-${n}`, false),
      persisted: persistedIncidents(low),
    });

    // Staying quiet: a maintenance window's silence matches every alert (N/3, none opens an incident).
    const quietTenant = await newTenant("silenced", { custom: { verdictTimeoutMs: 0 } });
    if (!ONLY || ONLY.test("202, silenced (maintenance)")) {
      await fetch(`${base}/v1/tenants/${quietTenant.tenantId}/silences`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({
          matchers: [{ field: "service", op: "=~", value: "svc-.*" }],
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          comment: "bench maintenance",
        }),
      });
    }
    await scenario({
      label: "202, silenced (maintenance)",
      tenant: quietTenant,
      provider: "custom",
      amount: Math.round(N / 3),
      setup: signedCustom(quietTenant, (n) => `m-${n}`, false),
      persisted: () =>
        count(
          `SELECT count(*)::int AS n FROM "Activity" WHERE "tenantId" = $1 AND "type" = 'alert.silenced'`,
          quietTenant.tenantId,
        ),
    });

    // Reaching people: every incident notified to two webhook channels (a receiver on loopback).
    const receiver = createHttpServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200).end());
    });
    await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    /** N/3 alerts of a tenant of its own with two webhook channels; settled when every delivery is made. */
    const notifiedLoad = async (label) => {
      const notified = await newTenant("notified", { custom: { verdictTimeoutMs: 0 } });
      for (const name of ["first", "second"]) {
        await fetch(`${base}/v1/tenants/${notified.tenantId}/channels`, {
          method: "POST",
          headers: admin,
          body: JSON.stringify({
            name,
            type: "webhook",
            config: { url: `http://127.0.0.1:${receiver.address().port}/hook` },
            events: ["incident.created"],
            minSeverity: "info",
          }),
        });
      }
      const notifiedAlerts = Math.round(N / 3);
      await scenario({
        label,
        tenant: notified,
        provider: "custom",
        amount: notifiedAlerts,
        setup: signedCustom(notified, (n) => `n-${n}`, false),
        persisted: persistedIncidents(notified),
        settled: async () =>
          (await count(
            `SELECT count(*)::int AS n FROM "Delivery" WHERE "tenantId" = $1 AND "status" = 'delivered'`,
            notified.tenantId,
          )) >=
          2 * notifiedAlerts,
      });
    };
    await notifiedLoad("202, two webhook channels");

    // The gateway alone: the normalizers are paused, so the gateway and Redis have the cores to
    // themselves (issue 12's "gateway alone" against the bare route). The backlog drains afterwards.
    if (!ONLY || ONLY.test("gateway alone (202)")) {
      const alone = await newTenant("alone", { custom: { verdictTimeoutMs: 0 } });
      const rawAlerts = new Queue("raw-alerts", { connection: redisClient, prefix: PREFIX });
      await quiet();
      await rawAlerts.pause();
      const cpuBefore = cpuSnapshot(groups);
      const result = await load(
        `${base}/v1/webhooks/${alone.tenantId}/custom`,
        N,
        signedCustom(alone, (n) => `a-${n}`, false),
      );
      const cpuAfter = cpuSnapshot(groups);
      await rawAlerts.resume();
      rows.push({
        ...loadFigures("gateway alone (202)", result),
        cpu: cpuPer(cpuBefore, cpuAfter, result["2xx"]),
        rss: rssNow(),
        redisMb: await redisUsedMb(),
      });
    }

    const queued = await newTenant("queued", { custom: { verdictTimeoutMs: 0 } });
    await scenario({
      label: "202, every 5th investigated",
      tenant: queued,
      provider: "custom",
      amount: N,
      setup: signedCustom(queued, (n) => `q-${n}`),
      persisted: persistedIncidents(queued),
    });

    /**
     * Grouped Alertmanager payloads of 100 alerts each, on a tenant of its own; with `resolvedLabel`,
     * the same groups resolved afterwards (every incident resolved by its source).
     */
    const groupedLoad = async (label, resolvedLabel) => {
      const grouped = await newTenant("grouped", { alertmanager: { verdictTimeoutMs: 0 } });
      const load = { tenant: grouped, provider: "alertmanager", amount: 100, alertsPerRequest: 100, connections: 8 };
      await scenario({ ...load, label, setup: groupedBodies(grouped), persisted: persistedIncidents(grouped) });
      if (!resolvedLabel) return;
      await scenario({
        ...load,
        label: resolvedLabel,
        setup: groupedBodies(grouped, "resolved"),
        persisted: () =>
          count(`SELECT count(*)::int AS n FROM "Incident" WHERE "tenantId" = $1 AND "status" = 'resolved'`, grouped.tenantId),
      });
    };
    /** Every request a duplicate of one key, on a tenant of its own. */
    const stormLoad = async (label) => {
      const storm = await newTenant("storm", { custom: { verdictTimeoutMs: 0 } });
      await scenario({
        label,
        tenant: storm,
        provider: "custom",
        amount: N,
        setup: signedCustom(storm, () => "the-same-key"),
        persisted: () =>
          count(`SELECT COALESCE(max("duplicateCount") + 1, 0)::int AS n FROM "Incident" WHERE "tenantId" = $1`, storm.tenantId),
      });
    };
    await groupedLoad("grouped (100 alerts/request)", "grouped, resolved");
    await stormLoad("duplicate storm (one key)");
    const heapNow = async () =>
      Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await liveHeapMb(children[s].pid, HEAP_DIR)])));
    const heap = {};
    if (HEAP_DIR) heap.firstPass = await heapNow();
    // The loads that grow the services' memory most, once more: a leak grows again with the same
    // work, a heap that has reached its working size does not. Sync verdicts too: a request that
    // waits holds state the others do not (a leak of every sync reply was found this way).
    pass = 2;
    await syncLoad("sync verdict, second pass");
    await groupedLoad("grouped, second pass");
    await stormLoad("duplicate storm, second pass");
    await notifiedLoad("two webhook channels, second pass");
    receiver.close();
    const rssEnd = rssNow();
    if (!ONLY) {
      const [first, last] = [rows[0], await bareRow("bare route, at the end")];
      rows.push(last);
      roundTrips.push(await measureRoundTrip(REDIS_URL));
      const [before, after] = roundTrips.map((r) => r.cpuUs.toFixed(0));
      notes.push(
        `the bare route drifted ${first.cpu.gateway.toFixed(2)} → ${last.cpu.gateway.toFixed(2)} ms a request over the run ` +
          `(${first.reqs.toFixed(0)} → ${last.reqs.toFixed(0)} req/s), a round trip to Redis ${before} → ${after} µs of CPU: ` +
          `the machine's own drift, against which ratios and CPU figures are read`,
      );
    }

    if (HEAP_DIR) heap.end = await heapNow();
    printReport(rows, rssStart, rssEnd, heap, notes, { start: redisStart, end: await redisUsedMb() }, roundTrips[0]);
    redisClient.disconnect();
  } finally {
    // The services first: stopping, they still write (jobs handed back, schedules), so the keys
    // deleted below would come back.
    await Promise.all(
      Object.values(children).map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", resolve);
            c.kill("SIGTERM");
          }),
      ),
    );
    await probes.end();
    await prisma.$disconnect();
    await db.dropSchema(DATABASE_URL, SCHEMA);
    const redis = new Redis(REDIS_URL);
    for (;;) {
      const keys = await redis.keys(`${PREFIX}:*`);
      if (!keys.length) break;
      await redis.del(...keys.slice(0, 1000));
    }
    redis.disconnect();
  }
}

function printReport(rows, rssStart, rssEnd, heap, notes, redisMb, roundTrip) {
  const fmt = (v, digits = 0) => (v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits));
  const bare = rows.find((r) => r.label.startsWith("bare"));
  console.log(
    `\nCauseFlow bench: ${N} requests per scenario, ${CONNECTIONS} connections, loopback, ${new Date().toISOString()}\n` +
      `yardsticks: the bare route ${bare.cpu.gateway.toFixed(2)} ms of CPU a request; a round trip Node ↔ Redis (PING, one at a time) ` +
      `${roundTrip.wallUs.toFixed(0)} µs, ${roundTrip.cpuUs.toFixed(0)} µs of CPU at both ends\n`,
  );
  console.log(["scenario".padEnd(30), "req/s", "p50 ms", "p99 ms", "alerts/s persisted", "triage lag s", "× bare"].join(" | "));
  for (const r of rows) {
    console.log(
      [
        r.label.padEnd(30),
        fmt(r.reqs),
        fmt(r.p50),
        fmt(r.p99),
        fmt(r.persistedPerSecond),
        fmt(r.triageLagSeconds, 1),
        fmt(r.reqs / bare.reqs, 2),
      ].join(" | "),
    );
  }
  console.log(
    `\nCPU ms per alert (intake through triage and investigations of that scenario; gateway alone and the bare route: per request):`,
  );
  const groups = ["gateway", "normalizer", "triage", "notifier", "postgres", "redis"];
  console.log(["scenario".padEnd(30), ...groups, "total"].join(" | "));
  for (const r of rows.filter((row) => row.cpu)) {
    const total = groups.reduce((sum, g) => sum + r.cpu[g], 0);
    console.log([r.label.padEnd(30), ...groups.map((g) => fmt(r.cpu[g], 2)), fmt(total, 2)].join(" | "));
  }
  console.log(`\nRSS MB at the start, after each scenario, at the end (and Redis's used memory, all of it):`);
  console.log(["".padEnd(30), ...Object.keys(rssStart), "redis used"].join(" | "));
  console.log(["start".padEnd(30), ...Object.values(rssStart), redisMb.start].join(" | "));
  for (const r of rows.filter((row) => row.rss))
    console.log([r.label.padEnd(30), ...Object.values(r.rss), r.redisMb].join(" | "));
  console.log(["end".padEnd(30), ...Object.values(rssEnd), redisMb.end].join(" | "));
  console.log(`\nRSS MB at its peak through each scenario (sampled every 50 ms):`);
  console.log(["".padEnd(30), ...Object.keys(rssStart)].join(" | "));
  for (const r of rows.filter((row) => row.rssPeak)) console.log([r.label.padEnd(30), ...Object.values(r.rssPeak)].join(" | "));
  if (heap.firstPass) {
    console.log(`\nLive heap MB (heap snapshots, after a full collection), after the first pass and at the end:`);
    console.log(["".padEnd(30), ...Object.keys(heap.firstPass)].join(" | "));
    console.log(["first pass".padEnd(30), ...Object.values(heap.firstPass)].join(" | "));
    console.log(["end".padEnd(30), ...Object.values(heap.end)].join(" | "));
  }
  printGoals(rows, bare, heap);
  for (const note of notes) console.log(`note: ${note}`);
  console.log("");
}

/** Issue 12's goals, each against this run's figures. */
function printGoals(rows, bare, heap) {
  const row = (label) => rows.find((r) => r.label === label);
  const total = (r) => (r?.cpu ? Object.values(r.cpu).reduce((a, b) => a + b, 0) : NaN);
  const low = row("202, none investigated");
  const mixed = row("202, every 5th investigated");
  const sync = row("CauseFlow sync verdict");
  const grouped = row("grouped (100 alerts/request)");
  const storm = row("duplicate storm (one key)");
  const alone = row("gateway alone (202)");
  // Every 5th alert of the mixed run is investigated: what it costs beyond the plain run, per investigation.
  const investigation = (total(mixed) - total(low)) * 5;
  /** A CPU figure in bare-route requests of this run: comparable across machines and days, as ratios are. */
  const inBare = (ms) => `${(ms / bare.cpu.gateway).toFixed(1)} bare-route requests`;
  // The rate goals were set when the bare route ran ~8,000 req/s on this machine (issue 12); rates
  // move with the machine's load, so each is also given against this run's bare route.
  const WHEN_SET = 8000;
  const perBare = (rate) => `${(rate / bare.reqs).toFixed(2)}× bare`;
  const rateGoal = (rate, unit = "/s") =>
    `≥ ${rate.toLocaleString("en-US")}${unit}: ${(rate / WHEN_SET).toFixed(2)}× bare when set`;
  const goals = [
    [
      "CPU per alert, intake through triage (none investigated)",
      `${total(low).toFixed(2)} ms, ${inBare(total(low))}`,
      total(low) <= 1.5,
      "≤ 1.5 ms",
    ],
    ["CPU per investigated incident", `${investigation.toFixed(1)} ms, ${inBare(investigation)}`, investigation <= 10, "≤ 10 ms"],
    [
      "202: alerts persisted/s, every 5th investigated",
      `${mixed?.persistedPerSecond.toFixed(0)}/s, ${perBare(mixed?.persistedPerSecond)}`,
      mixed?.persistedPerSecond >= 2000,
      rateGoal(2000),
    ],
    [
      "202: triage backlog drained after the run",
      `${mixed?.triageLagSeconds.toFixed(1)} s`,
      mixed?.triageLagSeconds <= 10,
      "≤ 10 s",
    ],
    [
      "sync verdict",
      `${sync?.reqs.toFixed(0)} req/s, ${perBare(sync?.reqs)}, p99 ${sync?.p99} ms`,
      sync?.reqs >= 1000 && sync?.p99 < 100,
      `${rateGoal(1000, " req/s")}, p99 < 100 ms`,
    ],
    [
      "grouped payloads of 100: alerts persisted/s",
      `${grouped?.persistedPerSecond.toFixed(0)}/s, ${perBare(grouped?.persistedPerSecond)}`,
      grouped?.persistedPerSecond >= 10000,
      rateGoal(10000),
    ],
    [
      "duplicate storm of one key: duplicates/s",
      `${storm?.persistedPerSecond.toFixed(0)}/s, ${perBare(storm?.persistedPerSecond)}`,
      storm?.persistedPerSecond >= 5000,
      rateGoal(5000),
    ],
    ["gateway alone (202) vs bare Express", `${(alone?.reqs / bare.reqs).toFixed(2)}×`, alone?.reqs / bare.reqs >= 0.5, "≥ 0.5×"],
  ];
  // Flat: once warm, the same work done again takes no more memory. Each service's peak RSS through
  // the second pass against its peak through the first (every scenario before it). Not the RSS
  // after a scenario against the RSS after the first one: a service idle through the first loads,
  // as the notifier is until the notification scenario, has let V8 shrink its young generation,
  // and any burst grows it back by 30–50 MB while its live heap stays the same (README, "Memory").
  const largestGrowth = (from, to) =>
    Object.keys(from)
      .map((s) => [s, to[s] / from[s] - 1])
      .reduce((a, b) => (Number.isNaN(a[1]) || b[1] > a[1] ? b : a), ["", NaN]);
  const peakOf = (passRows) => {
    const peaks = passRows.map((r) => r.rssPeak);
    if (!peaks.length) return {};
    return Object.fromEntries(Object.keys(peaks[0]).map((s) => [s, Math.max(...peaks.map((p) => p[s]))]));
  };
  const measured = rows.filter((r) => r.rssPeak);
  // Judged on a whole run only: BENCH_ONLY may leave out some of either pass.
  const firstPass = ONLY ? {} : peakOf(measured.filter((r) => r.pass === 1));
  const secondPass = peakOf(measured.filter((r) => r.pass === 2));
  // A heap snapshot costs its process hundreds of MB while it is written, pages V8 then keeps:
  // with BENCH_HEAP the second pass starts from that, so its RSS is not judged.
  const again = heap.firstPass ? ["", NaN] : largestGrowth(firstPass, secondPass);
  goals.push([
    `RSS peak through a second pass of sync + grouped + storm + notifications vs through the first, largest growth${heap.firstPass ? " (not with BENCH_HEAP: the snapshots' own memory)" : ""}`,
    `${again[0]} ${(100 * again[1]).toFixed(0)}% (${firstPass[again[0]]} → ${secondPass[again[0]]} MB)`,
    again[1] <= 0.2,
    "≤ 20%",
  ]);
  // What the services keep, not what V8 reserved: the same over the second pass, from heap snapshots
  // (BENCH_HEAP). Each is written after a full collection, so runs agree within ~1%: 5% is a leak
  // (the sync replies kept until the gateway stopped grew it 10% over one pass).
  const kept = largestGrowth(heap.firstPass ?? {}, heap.end ?? {});
  goals.push([
    "live heap over the second pass, largest growth (BENCH_HEAP)",
    `${kept[0]} ${(100 * kept[1]).toFixed(1)}%`,
    kept[1] <= 0.05,
    "≤ 5%",
  ]);
  console.log("\nGoals (issue 12):");
  for (const [what, measured, met, goal] of goals) {
    // A goal whose scenarios BENCH_ONLY left out has nothing to be judged on.
    const judged = !/NaN|undefined/.test(measured);
    console.log(`  ${!judged ? "not run" : met ? "met    " : "not met"}  ${what}: ${judged ? measured : "—"} (goal ${goal})`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
