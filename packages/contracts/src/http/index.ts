export * from "./common";
export * from "./webhooks";
export * from "./tenants";
export * from "./incidents";
export * from "./activity";
export * from "./changes-runbooks";
export * from "./operations";
export * from "./openapi";
