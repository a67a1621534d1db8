#!/usr/bin/env node
// `npm run openapi`: writes docs/openapi.json from the zod schemas of packages/contracts/src/http.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { root } from "./env-file.mjs";

const require = createRequire(import.meta.url);
const { buildOpenApi } = require("../packages/contracts/dist/http/index.js");
const target = path.join(root, "docs", "openapi.json");
writeFileSync(target, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`openapi: wrote ${path.relative(root, target)}`);
