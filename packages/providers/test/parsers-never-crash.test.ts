import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  getProvider,
  parseDelivery,
  parseJsonLossless,
  PayloadError,
  supportedProviders,
  type ProviderDefinition,
} from "@causeflow/providers";

/** Property: whatever the body, a parser returns an outcome or throws PayloadError, nothing else. */
const FIXTURES = path.join(__dirname, "fixtures");
const RESOURCES = ["event_alert", "metric_alert", "issue", "installation", "unknown"];

function outcomeOrPayloadError(provider: ProviderDefinition, rawBody: string, resource = "event_alert"): true {
  const headers = { "content-type": "application/json", "sentry-hook-resource": resource };
  let body: unknown;
  try {
    body = parseJsonLossless(rawBody);
  } catch {
    expect(() => parseDelivery(provider, { rawBody, headers, receivedAt: new Date() })).toThrow(PayloadError);
    return true;
  }
  try {
    // The parser itself, not parseDelivery (which would turn any crash into a PayloadError).
    provider.parse({ body, rawBody, headers, receivedAt: new Date() });
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
  }
  return true;
}

describe.each(supportedProviders())("%s", (slug) => {
  const provider = getProvider(slug)!;
  const samples = readdirSync(path.join(FIXTURES, slug))
    .filter((f) => f.endsWith(".json") && !f.includes(".expected.") && !f.includes(".headers."))
    .map((f) => readFileSync(path.join(FIXTURES, slug, f), "utf8"));

  it("survives random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...RESOURCES), (value, resource) =>
        outcomeOrPayloadError(provider, JSON.stringify(value), resource),
      ),
      { numRuns: 300 },
    );
  });

  it("survives its own fixtures truncated anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), (sample, cut) =>
        outcomeOrPayloadError(provider, sample.slice(0, cut % (sample.length + 1))),
      ),
      { numRuns: 300 },
    );
  });

  it("survives its own fixtures with fields replaced by random values", () => {
    const objects = samples.map((s) => JSON.parse(s)).filter((o) => o && typeof o === "object" && !Array.isArray(o));
    if (objects.length === 0) return;
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.jsonValue(), fc.nat(), (sample, value, pick) => {
        const keys = Object.keys(sample);
        const mutated = { ...sample, [keys[pick % keys.length]!]: value };
        return outcomeOrPayloadError(provider, JSON.stringify(mutated));
      }),
      { numRuns: 300 },
    );
  });
});
