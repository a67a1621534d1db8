/** One jest run for the whole monorepo: TypeScript through SWC, workspace packages from source. */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleNameMapper: {
    "^@causeflow/contracts/http$": "<rootDir>/packages/contracts/src/http",
    "^@causeflow/db/batch$": "<rootDir>/packages/db/src/batch",
    "^@causeflow/(contracts|providers|db|config|logger|health|queues|domain|outbound|notify|observability)$":
      "<rootDir>/packages/$1/src",
  },
  testMatch: ["<rootDir>/{packages,services}/*/test/**/*.test.ts"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  maxWorkers: 2,
  testTimeout: 60_000,
  // Suites stop a Redis on purpose; a client's reconnect timer must not keep CI waiting.
  forceExit: true,
};
