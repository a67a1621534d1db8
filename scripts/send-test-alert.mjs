#!/usr/bin/env node
// `npm run send-test-alert [-- --title "..." --severity high --resolve]`
// The "Test the connection" step: sends a signed `custom` alert to the running gateway and shows
// the incident it became. On first use it creates a demo tenant and API key with the operator
// token from .env and keeps them in .causeflow/demo.json.
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnv, root } from "./env-file.mjs";

const env = loadEnv();
const { values: args } = parseArgs({
  options: {
    title: { type: "string", default: "CauseFlow test alert" },
    severity: { type: "string", default: "high" },
    service: { type: "string", default: "checkout" },
    resolve: { type: "boolean", default: false },
    url: { type: "string", default: env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}` },
  },
});
const base = args.url.replace(/\/$/, "");
const statePath = path.join(root, ".causeflow", "demo.json");

async function call(method, url, { headers = {}, body } = {}) {
  const res = await fetch(`${base}${url}`, { method, headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function demoCredentials() {
  if (existsSync(statePath)) return JSON.parse(readFileSync(statePath, "utf8"));
  if (!env.ADMIN_TOKEN) throw new Error("ADMIN_TOKEN is not set (run `npm start` once to create .env)");
  const admin = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
  const tenant = await call("POST", "/v1/tenants", { headers: admin, body: JSON.stringify({ name: "demo" }) });
  if (tenant.status !== 201) throw new Error(`creating the demo tenant failed: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const key = await call("POST", `/v1/tenants/${tenant.body.tenantId}/api-keys`, {
    headers: admin,
    body: JSON.stringify({ name: "demo key", scopes: ["ingest", "read", "write", "admin"] }),
  });
  if (key.status !== 201) throw new Error(`creating the demo key failed: ${key.status} ${JSON.stringify(key.body)}`);
  const state = { tenantId: tenant.body.tenantId, apiKey: key.body.apiKey, webhookSecret: key.body.webhookSecret };
  mkdirSync(path.dirname(statePath), { recursive: true });
  writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  console.log(`Created demo tenant ${state.tenantId}; its key and webhook secret are in .causeflow/demo.json`);
  return state;
}

try {
  const { tenantId, apiKey, webhookSecret } = await demoCredentials();
  const body = JSON.stringify({
    title: args.title,
    description: "Sent by npm run send-test-alert",
    sourceAlertId: `test-${args.service}`,
    severity: args.severity,
    status: args.resolve ? "resolved" : "firing",
    service: args.service,
    environment: "production",
    tags: { team: "platform" },
  });
  const signature = `sha256=${createHmac("sha256", webhookSecret).update(body).digest("hex")}`;
  const started = Date.now();
  const res = await call("POST", `/v1/webhooks/${tenantId}/custom`, {
    headers: { "x-api-key": apiKey, "x-webhook-signature": signature },
    body,
  });
  console.log(`POST /v1/webhooks/${tenantId}/custom → ${res.status} in ${Date.now() - started} ms`);
  console.log(JSON.stringify(res.body, null, 2));
  if (res.status === 401 && res.body?.error === "invalid_api_key") {
    console.error(
      `send-test-alert: the demo key in .causeflow/demo.json is not known to this gateway (the database was reset, or it points at another one).\n` +
        `Delete .causeflow/demo.json and run again to create a new demo tenant and key.`,
    );
    process.exit(1);
  }
  console.log(`\nOpen ${base} and sign in with the API key ${apiKey} to watch it in the console.`);
  if (res.body?.incidentId) {
    const incident = await call("GET", `/v1/incidents/${res.body.incidentId}`, { headers: { "x-api-key": apiKey } });
    const { incidentId, title, severity, status, duplicateCount } = incident.body;
    console.log(`Incident ${incidentId}: "${title}" severity=${severity} status=${status} duplicates=${duplicateCount}`);
  }
  // 2xx, and 409 (a duplicate of the open test incident), mean the alert was taken.
  process.exit(res.status < 400 || res.status === 409 ? 0 : 1);
} catch (error) {
  console.error(
    `send-test-alert: ${error.cause?.code === "ECONNREFUSED" ? `nothing listens at ${base}; is \`npm start\` running?` : error.message}`,
  );
  process.exit(1);
}
