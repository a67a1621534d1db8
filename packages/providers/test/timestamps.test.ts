import { parseTimestamp, severityFromText, parseKeyValueTags, stripDatadogPrefixes } from "@causeflow/providers";

describe("parseTimestamp", () => {
  it.each([
    ["2026-11-29T10:00:00Z", "2026-11-29T10:00:00.000Z"],
    ["2026-11-29T12:00:00+02:00", "2026-11-29T10:00:00.000Z"],
    ["2026-11-29T05:30:00-0430", "2026-11-29T10:00:00.000Z"],
    ["2026-11-29T10:00:00.1Z", "2026-11-29T10:00:00.100Z"],
    ["2026-11-29T10:00:00.123456789Z", "2026-11-29T10:00:00.123Z"],
    ["2026-11-29T10:00:00.999999999+00:00", "2026-11-29T10:00:00.999Z"],
    ["2026-11-29 10:00:00", "2026-11-29T10:00:00.000Z"],
    [1795953480, "2026-11-29T11:58:00.000Z"],
    [1795953480123, "2026-11-29T11:58:00.123Z"],
    ["1795953480", "2026-11-29T11:58:00.000Z"],
    [1795953480.5, "2026-11-29T11:58:00.500Z"],
  ])("%s → %s", (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each(["yesterday", "2026-02-31T00:00:00Z", "", -5, null, {}, "2026-11-29T25:00:00Z"])("refuses %p", (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });
});

describe("severity vocabulary", () => {
  it.each([
    ["CRITICAL", "critical"],
    ["Sev0", "critical"],
    ["page", "critical"],
    [1, "critical"],
    ["error", "high"],
    ["P2", "high"],
    ["2", "high"],
    ["Warning", "medium"],
    ["average", "medium"],
    ["minor", "low"],
    ["sev3", "low"],
    ["debug", "info"],
    ["none", "info"],
    ["P5", "info"],
  ])("%p → %s", (word, severity) => {
    expect(severityFromText(word)).toBe(severity);
  });

  it("knows nothing of other words", () => {
    expect(severityFromText("apocalyptic")).toBeUndefined();
    expect(severityFromText(7)).toBeUndefined();
  });
});

describe("tags and titles", () => {
  it("splits key:value tags on the first colon; bare tags map to empty", () => {
    expect(parseKeyValueTags(" env:prod , url:http://x:1 ,bare,,")).toEqual({ env: "prod", url: "http://x:1", bare: "" });
  });

  it("strips Datadog's prefixes, repeated, but keeps the monitor's own brackets", () => {
    expect(stripDatadogPrefixes("[P1] [Triggered on {host:a,env:b}] [prod] Disk")).toBe("[prod] Disk");
    expect(stripDatadogPrefixes("[P1][P1] [Re-Warn] Disk")).toBe("Disk");
    expect(stripDatadogPrefixes("[Triggered]")).toBe("[Triggered]");
  });
});
