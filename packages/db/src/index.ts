export { Prisma, PrismaClient } from "@prisma/client";
export type {
  Tenant,
  Change,
  Runbook,
  Investigation,
  Evidence,
  ApiKey,
  Integration,
  Incident,
  AlertEvent,
  IncidentAlert,
  TimelineEntry,
} from "@prisma/client";
export * from "./create-prisma-client";
export * from "./db-errors";
export * from "./migrations";
export * from "./timeline";
export * from "./tenant-settings";
