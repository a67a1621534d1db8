import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";

const tracer = () => trace.getTracer("causeflow");

/** The current trace context as a carrier for job data (undefined when tracing is off or no span is active). */
export function traceCarrier(): Record<string, string> | undefined {
  if (!trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length ? carrier : undefined;
}

/** Runs `work` in a span; with a carrier (from job data) the span continues the trace that queued the job. */
export async function inSpan<T>(
  name: string,
  options: {
    carrier?: Record<string, string>;
    kind?: "server" | "consumer" | "internal";
    attributes?: Record<string, string | number>;
  },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.carrier ? propagation.extract(context.active(), options.carrier) : context.active();
  const kind = options.kind === "server" ? SpanKind.SERVER : options.kind === "consumer" ? SpanKind.CONSUMER : SpanKind.INTERNAL;
  return tracer().startActiveSpan(name, { kind, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
