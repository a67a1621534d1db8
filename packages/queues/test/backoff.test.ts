import { cappedBackoff, COMMIT_WAIT_MS, NotCommittedYet } from "../src";

describe("cappedBackoff", () => {
  const backoff = cappedBackoff({ baseMs: 1000, maxMs: 60_000 });
  const delays = (error: Error, attempts: number[]) => attempts.map((n) => backoff(n, "custom", error) as number);

  it("doubles from the base with jitter (75-100%), capped", () => {
    const [first, second, late] = delays(new Error("503"), [1, 2, 20]);
    expect(first).toBeGreaterThanOrEqual(750);
    expect(first).toBeLessThanOrEqual(1000);
    expect(second).toBeGreaterThanOrEqual(1500);
    expect(second).toBeLessThanOrEqual(2000);
    expect(late).toBeGreaterThanOrEqual(45_000);
    expect(late).toBeLessThanOrEqual(60_000);
  });

  it("waits for a commit from COMMIT_WAIT_MS, doubling to the same cap", () => {
    const [first, second, late] = delays(new NotCommittedYet("investigation inv_1 is not committed yet; retrying"), [1, 2, 20]);
    expect(first).toBeGreaterThanOrEqual(COMMIT_WAIT_MS * 0.75);
    expect(first).toBeLessThanOrEqual(COMMIT_WAIT_MS);
    expect(second).toBeLessThanOrEqual(2 * COMMIT_WAIT_MS);
    expect(late).toBeLessThanOrEqual(60_000);
  });

  it("honours a later Retry-After within the hour", () => {
    const error = Object.assign(new Error("429"), { retryAfterMs: 30_000 });
    expect(backoff(1, "custom", error)).toBe(30_000);
    expect(backoff(1, "custom", Object.assign(new Error("429"), { retryAfterMs: 5 * 3600_000 }))).toBe(3600_000);
  });
});
