import { startTracing } from "@causeflow/observability";

/** Loaded first by main.ts: tracing must patch http, Express, ioredis and pg before they load (off without OTEL_EXPORTER_OTLP_ENDPOINT). */
export const tracing = startTracing("gateway");
