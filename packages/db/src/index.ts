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
  Activity as ActivityRow,
  Silence,
  Channel,
  Delivery,
  ActorKind as DbActorKind,
} from "@prisma/client";
export * from "./create-prisma-client";
export * from "./db-errors";
export * from "./infrastructure-error";
export * from "./migrations";
export * from "./tenant-settings";
export * from "./reads/investigation-reads";
export * from "./reads/storm-counts";
export * from "./reads/agent-reads";
export * from "./reads/agent-context-reads";
export * from "./reads/read-by-ids";
export * from "./direct-sql";
export * from "./reads/delivery-reads";
export * from "./delivery-attempts";
export * from "./reads/relay-reads";
export * from "./create-deliveries";
