#!/usr/bin/env node
// `npm run bench`: signed alerts with distinct ids posted at the whole stack (gateway, normalizer,
// triage from dist/, real Redis and Postgres, loopback only), next to a bare Express route
// measured the same way in the same run. The ratio is the figure; absolute numbers drift.
import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import express from "express";
import { Redis } from "ioredis";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const db = require(path.join(root, "packages/db/dist/index.js"));

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/causeflow_bench";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const SCHEMA = "bench";
const PREFIX = `causeflow-bench-${randomBytes(3).toString("hex")}`;
const ADMIN_TOKEN = randomBytes(16).toString("hex");

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
    LOG_LEVEL: "warn",
    WEBHOOK_RATE_LIMIT_PER_MINUTE: "10000000",
  };
  const children = ["gateway", "normalizer", "triage"].map((name) =>
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : []),
        path.join(root, `services/${name}/dist/main.js`),
      ],
      { env, stdio: ["ignore", "ignore", "inherit"] },
    ),
  );
  const deadline = Date.now() + 20_000;
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

function run(url, setupRequest) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, amount: REQUESTS, method: "POST", requests: [{ setupRequest }] },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  await db.ensureDatabase(DATABASE_URL);
  await db.applyMigrationsToSchema(DATABASE_URL, SCHEMA);
  const prisma = db.createPrismaClient({ databaseUrl: DATABASE_URL, schema: SCHEMA });
  const port = await freePort();
  const children = await startStack(port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
    const tenant = await (await fetch(`${base}/v1/tenants`, { method: "POST", headers: admin, body: '{"name":"bench"}' })).json();
    const key = await (
      await fetch(`${base}/v1/tenants/${tenant.tenantId}/api-keys`, { method: "POST", headers: admin, body: '{"name":"bench"}' })
    ).json();

    let n = 0;
    const signed = (req) => {
      n += 1;
      const body = JSON.stringify({
        title: `Bench alert ${n}`,
        description: "load test",
        sourceAlertId: `bench-${n}`,
        severity: n % 5 === 0 ? "high" : "low",
        service: `svc-${n % 20}`,
      });
      const signature = `sha256=${createHmac("sha256", key.webhookSecret).update(body).digest("hex")}`;
      return {
        ...req,
        body,
        headers: { "content-type": "application/json", "x-api-key": key.apiKey, "x-webhook-signature": signature },
      };
    };

    // Warm-up (JIT, pools), not measured.
    await run(`${base}/v1/webhooks/${tenant.tenantId}/custom`, signed);
    const warm = await prisma.incident.count();
    const started = Date.now();
    const stack = await run(`${base}/v1/webhooks/${tenant.tenantId}/custom`, signed);
    const accepted = stack["2xx"];
    const target = warm + accepted;
    let count = 0;
    while ((count = await prisma.incident.count()) < target && Date.now() - started < 120_000) await sleep(20);
    const lastIncidentSeconds = (Date.now() - started) / 1000;

    const bareApp = express();
    bareApp.post("/bare", express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
      JSON.parse(req.body.toString("utf8"));
      res.status(201).json({ ok: true });
    });
    const barePort = await freePort();
    const bareServer = bareApp.listen(barePort);
    await run(`http://127.0.0.1:${barePort}/bare`, signed);
    const bare = await run(`http://127.0.0.1:${barePort}/bare`, signed);
    bareServer.close();

    const row = (label, r) =>
      `${label.padEnd(26)} ${String(Math.round(r.requests.average)).padStart(8)} ${String(r.latency.p50).padStart(8)} ${String(r.latency.p99).padStart(8)} ${String(r["2xx"]).padStart(8)} ${String(r.non2xx + r.errors).padStart(7)}`;
    console.log(`\nCauseFlow bench: ${REQUESTS} requests, ${CONNECTIONS} connections, distinct alert ids, loopback\n`);
    console.log(
      `${"".padEnd(26)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"2xx".padStart(8)} ${"other".padStart(7)}`,
    );
    console.log(row("CauseFlow webhook → 201", stack));
    console.log(row("bare Express route", bare));
    console.log(`\naccepted alerts/s:           ${Math.round(stack.requests.average)}`);
    console.log(`incidents in Postgres:       ${count - warm} of ${accepted} accepted`);
    console.log(`time until the last one:     ${lastIncidentSeconds.toFixed(2)} s after the run started`);
    console.log(`throughput ratio (stack/bare): ${(stack.requests.average / bare.requests.average).toFixed(3)}`);
    console.log(`p50 latency ratio (stack/bare): ${(stack.latency.p50 / Math.max(bare.latency.p50, 1)).toFixed(1)}\n`);
  } finally {
    children.forEach((c) => c.kill("SIGTERM"));
    await prisma.$disconnect();
    await db.dropSchema(DATABASE_URL, SCHEMA);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
