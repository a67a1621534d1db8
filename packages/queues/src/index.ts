export * from "./queue-set";
export * from "./job-options";
export * from "./backoff";
export * from "./enqueue";
export * from "./enqueue-flow";
export * from "./create-worker";
export * from "./close-workers";
export * from "./not-committed-yet";
