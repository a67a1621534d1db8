/** npm run test:faults: the fault suite alone (real services from their builds, private stores). */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testMatch: ["<rootDir>/test/faults/**/*.test.ts"],
  globalSetup: undefined,
  maxWorkers: 1,
  testTimeout: 600_000,
};
