// Set-based statements for the hot paths (issue 12): one statement per micro-batch instead of
// several per alert. Imported by packages/domain and the normalizer only (lint); run against the
// migrated schema by the domain's and services' tests (packages/domain/test/alert-batcher.test.ts,
// services/triage/test/investigation.test.ts, …) so they cannot drift from schema.prisma.
export * from "./alert-events";
export * from "./alert-rows";
export * from "./complete-investigation";
export * from "./count-duplicates";
export * from "./open-incidents";
export * from "./reopen-incidents";
export * from "./resolve-incidents";
export * from "./triage-incidents";
export * from "./record-evidence";
export * from "./record-silenced";
export * from "./start-investigation";
