import {
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
