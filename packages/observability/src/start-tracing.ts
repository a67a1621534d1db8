import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { IORedisInstrumentation } from "@opentelemetry/instrumentation-ioredis";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace-node";

/**
 * OpenTelemetry for one service: off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or an exporter
 * is given, as tests do). Spans of HTTP, Express, Redis and Postgres come from the standard
 * instrumentations; jobs carry the trace context in their data, so one alert is one trace from the
 * webhook to the agents. Call before the modules it instruments are loaded (`src/instrument.ts`).
 */
export function startTracing(service: string, exporter?: SpanExporter): { shutdown: () => Promise<void> } | null {
  if (!exporter && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME ?? `causeflow-${service}` }),
    spanProcessors: [new BatchSpanProcessor(exporter ?? new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => ["/healthz", "/readyz", "/metrics"].includes(req.url ?? ""),
      }),
      new ExpressInstrumentation(),
      new IORedisInstrumentation(),
      new PgInstrumentation(),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
