import { eventually } from "../../../test/support/eventually";
import { MicroBatcher } from "../src/batch/micro-batcher";

/** A run that stays in flight until released, recording the batches it was given. */
function gatedRun() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const run = (items: string[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      gates.push(() => resolve(items.map((item) => item.toUpperCase())));
    });
  return { batches, run, gates, releaseAll: () => gates.splice(0).forEach((open) => open()) };
}

describe("MicroBatcher", () => {
  it("runs a lone item at once, and gathers what arrives while a run is in flight into the next", async () => {
    const { batches, run, releaseAll } = gatedRun();
    const batcher = new MicroBatcher(run, { maxBatch: 10, maxInFlight: 1 });
    const first = batcher.submit("a");
    await eventually(
      async () => batches.length,
      (n) => n === 1,
    );
    expect(batches).toEqual([["a"]]);
    const later = ["b", "c", "d"].map((item) => batcher.submit(item));
    releaseAll();
    expect(await first).toBe("A");
    await eventually(
      async () => batches.length,
      (n) => n === 2,
    );
    expect(batches).toEqual([["a"], ["b", "c", "d"]]);
    releaseAll();
    expect(await Promise.all(later)).toEqual(["B", "C", "D"]);
  });

  it("lingering, gathers what comes over several turns of the event loop into one run, and runs a full batch at once", async () => {
    const batches: string[][] = [];
    const run = async (items: string[]) => {
      batches.push(items);
      return items.map((item) => item.toUpperCase());
    };
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    // A linger longer than the test's timeout: only a full batch can make it run.
    const batcher = new MicroBatcher(run, { maxBatch: 3, maxInFlight: 1, lingerMs: 600_000 });
    const outputs = [batcher.submit("a")];
    await nextTurn();
    outputs.push(batcher.submit("b"));
    await nextTurn();
    expect(batches).toEqual([]);
    outputs.push(batcher.submit("c"));
    expect(await Promise.all(outputs)).toEqual(["A", "B", "C"]);
    expect(batches).toEqual([["a", "b", "c"]]);
    // A lone item runs once its linger is over.
    const brief = new MicroBatcher(run, { maxBatch: 3, lingerMs: 20 });
    expect(await brief.submit("d")).toBe("D");
    expect(batches.at(-1)).toEqual(["d"]);
  });

  it("caps a run by total weight, and runs an item heavier than the cap alone", async () => {
    const batches: string[][] = [];
    const batcher = new MicroBatcher(
      async (items: string[]) => {
        batches.push(items);
        return items;
      },
      { maxBatch: 10, maxInFlight: 1, maxWeight: 5, weigh: (item) => item.length },
    );
    await Promise.all(["aa", "bb", "cc", "dddddddd", "e"].map((item) => batcher.submit(item)));
    expect(batches).toEqual([["aa", "bb"], ["cc"], ["dddddddd"], ["e"]]);
  });

  it("rejects every item of a failed run, and goes on with the next", async () => {
    let fail = true;
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        if (fail) {
          fail = false;
          throw new Error("store down");
        }
        return items.map((n) => n * 2);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = [1, 2].map((n) => batcher.submit(n));
    await expect(Promise.all(failed.map((p) => p.catch((e: Error) => e.message)))).resolves.toEqual(["store down", "store down"]);
    await expect(batcher.submit(3)).resolves.toBe(6);
  });

  it("with a key, an item already queued or in flight is not run again: its callers share the output", async () => {
    const { batches, run, releaseAll } = gatedRun();
    const batcher = new MicroBatcher(run, { maxBatch: 10, maxInFlight: 1, key: (item) => item });
    const first = batcher.submit("a");
    await eventually(
      async () => batches.length,
      (n) => n === 1,
    );
    const again = batcher.submit("a");
    const queued = ["b", "b", "c"].map((item) => batcher.submit(item));
    releaseAll();
    expect(await Promise.all([first, again])).toEqual(["A", "A"]);
    await eventually(
      async () => batches.length,
      (n) => n === 2,
    );
    releaseAll();
    expect(await Promise.all(queued)).toEqual(["B", "B", "C"]);
    expect(batches).toEqual([["a"], ["b", "c"]]);
    const later = batcher.submit("a");
    await eventually(
      async () => batches.length,
      (n) => n === 3,
    );
    releaseAll();
    expect(await later).toBe("A");
    expect(batches[2]).toEqual(["a"]);
  });

  it("ordered: a run that ends first waits for the earlier run before its items settle", async () => {
    const { batches, run, gates } = gatedRun();
    const batcher = new MicroBatcher(run, { maxBatch: 1, maxInFlight: 2, ordered: true });
    const settled: string[] = [];
    const items = ["a", "b"].map((item) => batcher.submit(item).then((out) => settled.push(out)));
    await eventually(
      async () => batches.length,
      (n) => n === 2,
    );
    gates[1]!();
    // The second run has ended: a third item may start, but "b" waits for "a".
    const third = batcher.submit("c").then((out) => settled.push(out));
    await eventually(
      async () => batches.length,
      (n) => n === 3,
    );
    expect(settled).toEqual([]);
    gates[0]!();
    gates[2]!();
    await Promise.all([...items, third]);
    expect(settled).toEqual(["A", "B", "C"]);
  });
});
