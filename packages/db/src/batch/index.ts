// Set-based statements for the hot paths (issue 12): one statement per micro-batch instead of
// several per alert. Imported by packages/domain and the normalizer only (lint), tested against the
// migrated schema (packages/db/test/batch-statements.test.ts) so they cannot drift from schema.prisma.
export * from "./alert-events";
export * from "./count-duplicates";
export * from "./open-incidents";
export * from "./triage-incidents";
export * from "./record-evidence";
