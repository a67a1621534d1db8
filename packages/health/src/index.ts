export * from "./readiness";
export * from "./start-health-server";
