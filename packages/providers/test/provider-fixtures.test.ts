import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getProvider, parseDelivery, PayloadError, supportedProviders } from "@causeflow/providers";

/**
 * Table-driven: every `fixtures/<provider>/<case>.json` is a raw payload, parsed with a fixed
 * receivedAt; `<case>.expected.json` is the parse outcome, or `{ "error": [paths] }` for a
 * payload that must be refused with issues at those paths. An optional `<case>.headers.json`
 * gives the request headers the tool sends (lower-case names).
 */
const FIXTURES = path.join(__dirname, "fixtures");
const RECEIVED_AT = new Date("2026-11-29T12:00:00.000Z");

const cases = readdirSync(FIXTURES).flatMap((provider) =>
  readdirSync(path.join(FIXTURES, provider))
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json") && !f.endsWith(".headers.json"))
    .map((file) => [provider, file.replace(/\.json$/, "")] as const),
);

describe.each(cases)("%s / %s", (slug, name) => {
  const dir = path.join(FIXTURES, slug);
  const rawBody = readFileSync(path.join(dir, `${name}.json`), "utf8");
  const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), "utf8"));
  const provider = getProvider(slug);
  const headersFile = path.join(dir, `${name}.headers.json`);
  const headers = {
    "content-type": "application/json",
    ...(existsSync(headersFile) ? JSON.parse(readFileSync(headersFile, "utf8")) : {}),
  };

  it("parses to the expected outcome", () => {
    expect(provider).toBeDefined();
    const run = () => parseDelivery(provider!, { rawBody, headers, receivedAt: RECEIVED_AT });
    if (expected.error) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PayloadError);
      expect((error as PayloadError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(expected.error));
    } else {
      expect(run()).toEqual(expected);
    }
  });
});

it("covers every registered provider with fixtures", () => {
  const withFixtures = new Set(cases.map(([p]) => p));
  for (const slug of supportedProviders()) expect(withFixtures.has(slug)).toBe(true);
});
