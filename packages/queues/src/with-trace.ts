import { traceCarrier } from "@causeflow/observability";

/** The payload with the current trace context, when tracing is on (job payloads carry it: `trace`). */
export function withTrace<T>(data: T): T {
  const trace = traceCarrier();
  return trace && data && typeof data === "object" ? { ...data, trace } : data;
}
