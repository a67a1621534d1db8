import {
  newId,
  canTransition,
  decodePayloadRejection,
  encodePayloadRejection,
  summarizeOutcome,
  type AlertResult,
} from "@causeflow/contracts";

describe("incident lifecycle", () => {
  it.each([
    ["open", "triaging", true],
    ["triaging", "investigating", true],
    ["investigating", "awaiting_approval", true],
    ["awaiting_approval", "remediating", true],
    ["open", "resolved", true],
    ["remediating", "closed", true],
    ["resolved", "closed", true],
    ["open", "investigating", false],
    ["triaging", "open", false],
    ["closed", "resolved", false],
    ["closed", "open", false],
    ["open", "open", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe("summarizeOutcome (contract §1 for grouped payloads)", () => {
  const r = (outcome: AlertResult["outcome"]): AlertResult => ({ sourceAlertId: "x", outcome, incidentId: null });
  it.each([
    [["created", "duplicate"], "created"],
    [["duplicate", "duplicate"], "duplicate"],
    [["duplicate", "resolved"], "resolved"],
    [["ignored", "duplicate"], "ignored"],
    [["ignored"], "ignored"],
    [[], "ignored"],
  ] as const)("%p → %s", (outcomes, expected) => {
    expect(summarizeOutcome(outcomes.map(r))).toBe(expected);
  });
});

describe("payload rejections", () => {
  it("round-trip through a job's failed reason, and other reasons decode to null", () => {
    const rejection = { error: "invalid_payload" as const, message: "bad", issues: [{ path: "title", message: "required" }] };
    expect(decodePayloadRejection(encodePayloadRejection(rejection))).toEqual(rejection);
    expect(decodePayloadRejection("connect ECONNREFUSED")).toBeNull();
    expect(decodePayloadRejection('{"error":"other"}')).toBeNull();
  });
});

describe("newId", () => {
  it("gives prefixed ids of 16 base64url characters, all distinct across refills of its random pool", () => {
    const ids = Array.from({ length: 2000 }, () => newId("incident"));
    for (const id of ids) expect(id).toMatch(/^inc_[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(4, 8))).size).toBeGreaterThan(1000);
  });
});
