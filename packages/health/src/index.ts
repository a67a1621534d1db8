export * from "./readiness";
export * from "./start-health-server";
export * from "./run-service";
export * from "./redis-durability";
