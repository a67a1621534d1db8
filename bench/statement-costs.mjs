#!/usr/bin/env node
// `node bench/statement-costs.mjs` (after `npm run build`): PostgreSQL's CPU for the intake of an
// alert that is not investigated, statement by statement, at several batch sizes. Runs the db
// package's own batched statements (packages/db/src/batch) on a scratch schema, one batch at a
// time, and reads every PostgreSQL process's CPU from /proc around each statement. What a batch
// costs whatever its size (parse, plan, commit, round trip) against what each alert adds.
// STATEMENT_COSTS_DROP="<sql>;<sql>" runs statements (e.g. DROP INDEX) before measuring.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, pidsNamed } from "./proc-stats.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const db = require(path.join(root, "packages/db/dist/index.js"));
const batch = require(path.join(root, "packages/db/dist/batch/index.js"));

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/causeflow_bench";
const SCHEMA = `costs_${randomBytes(3).toString("hex")}`;
const SIZES = (process.env.STATEMENT_COSTS_SIZES ?? "5,20,80").split(",").map(Number);
/** Alerts measured per batch size (after as many again to warm up). */
const ALERTS = Number(process.env.STATEMENT_COSTS_ALERTS ?? 8000);
const STEPS = ["events", "open", "triage", "processed"];

const postgresCpu = () => pidsNamed("postgres").reduce((sum, pid) => sum + cpuMs(pid), 0);

function alertsOf(keys, now) {
  const body = JSON.stringify({ title: "CPU high", severity: "low", description: "d".repeat(200) });
  return {
    events: keys.map((k) => ({
      id: `e-${k}`,
      tenantId: "t1",
      provider: "custom",
      receivedAt: now,
      rawBody: body,
      headers: { "content-type": "application/json" },
    })),
    open: keys.map((k) => ({
      id: `i-${k}`,
      tenantId: "t1",
      title: `CPU high ${k}`,
      description: "d".repeat(200),
      severity: "low",
      source: "custom",
      sourceAlertId: k,
      service: "api",
      environment: "prod",
      tags: { team: "core" },
      url: null,
      occurredAt: now,
      receivedAt: now,
      recordId: `e-${k}-0`,
      eventId: `e-${k}`,
      normalized: { title: `CPU high ${k}`, severity: "low", sourceAlertId: k },
      message: "opened",
      activityData: { severity: "low" },
    })),
    triage: keys.map((k) => ({
      id: `i-${k}`,
      tenantId: "t1",
      severity: "low",
      agents: [],
      message: "triaged",
      activityData: { severity: "low" },
    })),
    processed: keys.map((k) => ({
      id: `e-${k}`,
      outcome: "created",
      reason: null,
      results: [{ sourceAlertId: k, outcome: "created", incidentId: `i-${k}` }],
    })),
  };
}

async function main() {
  await db.ensureDatabase(DATABASE_URL);
  await db.applyMigrationsToSchema(DATABASE_URL, SCHEMA);
  const prisma = db.createPrismaClient({ databaseUrl: DATABASE_URL, schema: SCHEMA });
  try {
    for (const sql of (process.env.STATEMENT_COSTS_DROP ?? "").split(";").filter(Boolean)) await prisma.$executeRawUnsafe(sql);
    await prisma.$executeRawUnsafe(`INSERT INTO "Tenant" ("id", "name") VALUES ('t1', 't1')`);
    const run = {
      events: batch.insertReceivedEvents,
      open: batch.insertNewIncidents,
      triage: batch.triageOpenIncidents,
      processed: batch.markEventsProcessed,
    };
    let n = 0;
    const batches = async (size, alerts, spent) => {
      for (let done = 0; done < alerts; done += size) {
        const rows = alertsOf(
          Array.from({ length: size }, () => `k${n++}`),
          new Date(),
        );
        for (const step of STEPS) {
          const before = postgresCpu();
          await run[step](prisma, rows[step]);
          if (spent) spent[step] += postgresCpu() - before;
        }
      }
    };
    console.log(`PostgreSQL CPU ms per alert, by statement and batch size (${ALERTS} alerts each, one batch at a time):`);
    console.log(`batch | ${STEPS.join(" | ")} | total`);
    const totals = [];
    for (const size of SIZES) {
      await batches(size, ALERTS, null);
      await prisma.$executeRawUnsafe("ANALYZE");
      const spent = Object.fromEntries(STEPS.map((s) => [s, 0]));
      await batches(size, ALERTS, spent);
      const per = STEPS.map((s) => spent[s] / ALERTS);
      const total = per.reduce((a, b) => a + b, 0);
      totals.push([size, total]);
      console.log(`${size} | ${per.map((v) => v.toFixed(3)).join(" | ")} | ${total.toFixed(3)}`);
    }
    // total(size) = perBatch / size + perAlert, from the smallest and largest sizes.
    const [[s1, t1], [s2, t2]] = [totals[0], totals[totals.length - 1]];
    if (s1 !== s2) {
      const perBatch = (t1 - t2) / (1 / s1 - 1 / s2);
      console.log(`\nper batch (whatever its size): ${perBatch.toFixed(2)} ms; per alert: ${(t2 - perBatch / s2).toFixed(3)} ms`);
    }
  } finally {
    await prisma.$disconnect();
    await db.dropSchema(DATABASE_URL, SCHEMA);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
