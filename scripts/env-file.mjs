// Shared by the root scripts: on first run, write .env from .env.example with fresh secrets,
// then load it (variables already set in the environment win).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const envPath = path.join(root, ".env");

export function ensureEnvFile() {
  if (existsSync(envPath)) return false;
  const template = readFileSync(path.join(root, ".env.example"), "utf8");
  const filled = template
    .replace(/^ADMIN_TOKEN=.*$/m, `ADMIN_TOKEN=${randomBytes(24).toString("base64url")}`)
    .replace(/^SECRETS_KEY=.*$/m, `SECRETS_KEY=${randomBytes(32).toString("hex")}`);
  writeFileSync(envPath, filled, { mode: 0o600 });
  return true;
}

/** Loads .env into process.env without overriding what is already set. */
export function loadEnv() {
  dotenv.config({ path: envPath, quiet: true });
  return process.env;
}
