#!/usr/bin/env node
// `npm start`: first-run .env, migrations, then gateway, normalizer and triage together.
// `npm run dev` (--watch): the same from TypeScript sources, restarting on change.
import { spawnSync } from "node:child_process";
import concurrently from "concurrently";
import { ensureEnvFile, loadEnv, root } from "./env-file.mjs";

const watch = process.argv.includes("--watch");
if (ensureEnvFile()) console.log("start: wrote .env with a fresh ADMIN_TOKEN and SECRETS_KEY (see .env.example)");
const env = loadEnv();

const migrate = spawnSync("npm", ["run", "db:migrate", "--silent"], { cwd: root, stdio: "inherit", env });
if (migrate.status !== 0) {
  console.error("start: migrations failed; is PostgreSQL running at DATABASE_URL?");
  process.exit(migrate.status ?? 1);
}

const services = ["gateway", "normalizer", "triage", "notifier"];
// In watch mode packages resolve to their sources (tsconfig.dev.json paths), so an edit in
// packages/*/src restarts the services that import it, as an edit in services/*/src does.
const command = (service) =>
  watch
    ? `npx tsx watch --tsconfig tsconfig.dev.json --clear-screen=false services/${service}/src/main.ts`
    : `node services/${service}/dist/main.js`;
const port = env.PORT || "3000";
const url = env.PUBLIC_URL || `http://localhost:${port}`;
console.log(`
CauseFlow is starting:
  gateway      ${url}   (health: ${url}/healthz, Bull Board: ${url}/admin/queues)
  normalizer   worker of the raw-alerts queue
  triage       worker of the triage queue, the investigation agents and the reconciler
  notifier     delivers activity to notification channels (Slack, signed webhooks, email)

Send a signed test alert (creates a demo tenant and key on first use):
  npm run send-test-alert
Operator token (ADMIN_TOKEN) is in .env; create a tenant with:
  curl -X POST ${url}/v1/tenants -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{"name":"acme"}'
`);

const { result } = concurrently(
  services.map((name) => ({ name, command: command(name), env })),
  { prefix: "name", killOthersOn: ["failure"], cwd: root },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
