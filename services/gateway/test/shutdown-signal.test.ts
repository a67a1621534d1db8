import { getEventListeners, getMaxListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { eventually } from "../../../test/support/eventually";
import { ShutdownSignal } from "../src/http/shutdown-signal";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const listeners = (shutdown: ShutdownSignal) => getEventListeners(shutdown.signal, "abort").length;

/** Races `n` verdict replies as the webhook route does; returns weak references to the replies. */
async function answerRequests(shutdown: ShutdownSignal, n: number): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < n; i += 1) {
    const reply = { eventId: `e${i}`, verdict: { body: "x".repeat(1000) } };
    refs.push(new WeakRef(reply));
    await shutdown.race(Promise.resolve(reply));
  }
  return refs;
}

describe("ShutdownSignal", () => {
  it("race: the work's value while the gateway runs, and nothing listening after", async () => {
    const shutdown = new ShutdownSignal();
    const replies = await Promise.all([1, 2, 3].map((n) => shutdown.race(Promise.resolve({ verdict: n }))));
    expect(replies).toEqual([{ verdict: 1 }, { verdict: 2 }, { verdict: 3 }]);
    expect(listeners(shutdown)).toBe(0);
    await expect(shutdown.race(Promise.reject(new Error("redis down")))).rejects.toThrow("redis down");
    expect(listeners(shutdown)).toBe(0);
  });

  it("race: as many requests wait at once as the gateway serves, without Node's listener warning", async () => {
    const shutdown = new ShutdownSignal();
    // Node warns (MaxListenersExceededWarning) past the signal's limit: 10 unless lifted.
    expect(getMaxListeners(shutdown.signal)).toBe(Number.POSITIVE_INFINITY);
    const waiting = Array.from({ length: 64 }, () => shutdown.race(new Promise(() => {})));
    expect(listeners(shutdown)).toBe(64);
    shutdown.trigger();
    expect(await Promise.all(waiting)).toEqual(waiting.map(() => "shutdown"));
  });

  it("race: 'shutdown' as soon as the gateway starts to stop, and at once after", async () => {
    const shutdown = new ShutdownSignal();
    const waiting = shutdown.race(new Promise(() => {}));
    expect(listeners(shutdown)).toBe(1);
    shutdown.trigger();
    await expect(waiting).resolves.toBe("shutdown");
    expect(shutdown.active).toBe(true);
    await expect(shutdown.race(new Promise(() => {}))).resolves.toBe("shutdown");
  });

  it("race keeps no reply once settled (a promise shared by every request kept each one until the gateway stopped)", async () => {
    const shutdown = new ShutdownSignal();
    const refs = await answerRequests(shutdown, 50);
    await eventually(
      async () => {
        gc();
        return refs.filter((ref) => ref.deref() !== undefined).length;
      },
      (alive) => alive === 0,
    );
  });

  it("onShutdown: called once when the gateway stops, never after it stopped listening; at once when already stopped", () => {
    const shutdown = new ShutdownSignal();
    const calls: string[] = [];
    shutdown.onShutdown(() => calls.push("stream a"));
    const stopListening = shutdown.onShutdown(() => calls.push("stream b"));
    stopListening();
    expect(listeners(shutdown)).toBe(1);
    shutdown.trigger();
    shutdown.trigger();
    expect(calls).toEqual(["stream a"]);
    expect(listeners(shutdown)).toBe(0);
    shutdown.onShutdown(() => calls.push("late stream"));
    expect(calls).toEqual(["stream a", "late stream"]);
  });
});
