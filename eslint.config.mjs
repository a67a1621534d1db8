import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * What may import what (ARCHITECTURE.md, "Where things are"): packages never import services,
 * a service never imports another service, only packages/db touches Prisma and node-postgres,
 * only packages/queues builds BullMQ queues and workers, and each package names the packages
 * below it that it may use.
 */
const INTERNAL = [
  "contracts",
  "config",
  "logger",
  "db",
  "providers",
  "queues",
  "domain",
  "health",
  "outbound",
  "notify",
  "metrics",
];
const BATCH_STATEMENTS = {
  group: ["@causeflow/db/batch"],
  message: "the batched hot-path statements are used by domain operations (and the normalizer's event log) only",
};
const layer = (allowed, batch = false) => ({
  patterns: [
    ...(batch ? [] : [BATCH_STATEMENTS]),
    {
      group: INTERNAL.filter((p) => !allowed.includes(p)).map((p) => `@causeflow/${p}`),
      message: "this package may not depend on that one (see ARCHITECTURE.md: what may import what)",
    },
    {
      group: ["**/services/**", "@causeflow/gateway", "@causeflow/normalizer", "@causeflow/triage", "@causeflow/notifier"],
      message: "packages never import services",
    },
  ],
});
const PRISMA_ONLY_IN_DB = {
  paths: [
    { name: "@prisma/client", message: "import the client and model types from @causeflow/db" },
    { name: "@prisma/adapter-pg", message: "only packages/db builds Prisma clients" },
    { name: "pg", message: "only packages/db talks to node-postgres" },
  ],
};
const BULLMQ_CONSTRUCTORS = {
  name: "bullmq",
  importNames: ["Queue", "Worker", "FlowProducer"],
  allowTypeImports: true,
  message: "queues and workers come from @causeflow/queues (QueueSet, createWorker), built from the job catalog",
};

const restrict = (files, { allowed, prisma = false, bullmq = false, batch = false }) => ({
  files,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: layer(allowed, batch).patterns,
        paths: [...(prisma ? [] : PRISMA_ONLY_IN_DB.paths), ...(bullmq ? [] : [BULLMQ_CONSTRUCTORS])],
      },
    ],
  },
});

const service = (files, { ignores = [], batch = false }) => ({
  files,
  ignores,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["../../*/src/**", "../../../services/**"], message: "a service never imports another service" },
          ...(batch ? [] : [BATCH_STATEMENTS]),
        ],
        paths: [...PRISMA_ONLY_IN_DB.paths, BULLMQ_CONSTRUCTORS],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  restrict(["packages/contracts/src/**"], { allowed: [] }),
  restrict(["packages/config/src/**", "packages/logger/src/**"], { allowed: [] }),
  restrict(["packages/db/src/**"], { allowed: ["contracts"], prisma: true, batch: true }),
  restrict(["packages/providers/src/**"], { allowed: ["contracts"] }),
  restrict(["packages/outbound/src/**"], { allowed: ["contracts", "config"] }),
  restrict(["packages/observability/src/**"], { allowed: [] }),
  restrict(["packages/notify/src/**"], { allowed: ["contracts", "outbound"] }),
  restrict(["packages/queues/src/**"], { allowed: ["contracts", "db", "logger", "observability"], bullmq: true }),
  restrict(["packages/domain/src/**"], { allowed: ["contracts", "db", "logger", "queues", "outbound"], batch: true }),
  restrict(["packages/health/src/**"], { allowed: ["config", "db", "observability"] }),
  {
    // The console runs in the browser and talks to the API over HTTP only: contracts' types, nothing else of CauseFlow.
    files: ["services/console/src/**"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        location: "readonly",
        fetch: "readonly",
        EventSource: "readonly",
        setTimeout: "readonly",
        URLSearchParams: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@causeflow/*", "!@causeflow/contracts", "@causeflow/contracts/*", "!@causeflow/contracts/http"],
              message: "the console imports only @causeflow/contracts/http (types)",
            },
          ],
        },
      ],
    },
  },
  service(["services/*/src/**"], { ignores: ["services/console/**", "services/normalizer/src/event-log.ts"] }),
  service(["services/normalizer/src/event-log.ts"], { batch: true }),
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        fetch: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        __dirname: "readonly",
        module: "writable",
        require: "readonly",
      },
    },
  },
);
