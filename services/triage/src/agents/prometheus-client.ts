import type { OutboundRequest } from "@causeflow/outbound";
import { z } from "zod";

const RangeResponse = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("matrix"),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(z.tuple([z.number(), z.string()])) })),
  }),
});

export interface Sample {
  at: number;
  value: number;
}

/** `GET /api/v1/query_range` of a Prometheus-compatible API; the first series' samples. */
export async function queryRange(
  request: OutboundRequest,
  baseUrl: string,
  query: string,
  range: { start: Date; end: Date; stepSeconds: number },
  signal: AbortSignal,
): Promise<Sample[]> {
  const url = new URL("api/v1/query_range", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.searchParams.set("query", query);
  url.searchParams.set("start", String(range.start.getTime() / 1000));
  url.searchParams.set("end", String(range.end.getTime() / 1000));
  url.searchParams.set("step", String(range.stepSeconds));
  const res = await request(url, { signal });
  if (!res.ok) {
    await res.discard();
    throw new Error(`${url.origin} answered ${res.status} to query_range`);
  }
  const body = RangeResponse.parse(await res.json());
  return (body.data.result[0]?.values ?? []).map(([at, value]) => ({ at: at * 1000, value: Number(value) }));
}

/** Mean of the samples before and from `pivot` (NaN-free; null when a side has none). */
export function beforeAfter(samples: readonly Sample[], pivot: number): { before: number | null; after: number | null } {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const ok = samples.filter((s) => Number.isFinite(s.value));
  return {
    before: mean(ok.filter((s) => s.at < pivot).map((s) => s.value)),
    after: mean(ok.filter((s) => s.at >= pivot).map((s) => s.value)),
  };
}
