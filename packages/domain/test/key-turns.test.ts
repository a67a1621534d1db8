import { KeyTurns } from "../src";

/** Work that records when it starts and ends when the test says so. */
function work(log: string[], name: string) {
  let end!: (fail?: boolean) => void;
  const ended = new Promise<void>((resolve, reject) => (end = (fail) => (fail ? reject(new Error(name)) : resolve())));
  return {
    run: async () => {
      log.push(name);
      await ended;
      return name;
    },
    end,
  };
}

/** Lets every settled promise's reactions run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyTurns", () => {
  it("runs a shared group's first work, then the rest of the group together, then the next group", async () => {
    const turns = new KeyTurns();
    const log: string[] = [];
    const [lead, a, b, resolve1, resolve2, again] = ["lead", "a", "b", "resolve1", "resolve2", "again"].map((n) => work(log, n));
    const results = [
      turns.take("k", true, lead!.run),
      turns.take("k", true, a!.run),
      turns.take("k", true, b!.run),
      turns.take("k", false, resolve1!.run),
      turns.take("k", false, resolve2!.run),
      turns.take("k", true, again!.run),
    ];
    await settle();
    expect(log).toEqual(["lead"]);
    lead!.end();
    await settle();
    expect(log).toEqual(["lead", "a", "b"]);
    a!.end();
    await settle();
    expect(log).toEqual(["lead", "a", "b"]);
    b!.end();
    await settle();
    expect(log).toEqual(["lead", "a", "b", "resolve1", "resolve2"]);
    resolve1!.end();
    resolve2!.end();
    await settle();
    expect(log.at(-1)).toBe("again");
    again!.end();
    expect(await Promise.all(results)).toEqual(["lead", "a", "b", "resolve1", "resolve2", "again"]);
    expect(turns.size).toBe(0);
  });

  it("keeps keys apart, and a failed work does not stop the work behind it", async () => {
    const turns = new KeyTurns();
    const log: string[] = [];
    const [lead, follower, other] = ["lead", "follower", "other"].map((n) => work(log, n));
    const led = turns.take("k", true, lead!.run);
    const followed = turns.take("k", true, follower!.run);
    const elsewhere = turns.take("other key", true, other!.run);
    await settle();
    expect(log).toEqual(["lead", "other"]);
    lead!.end(true);
    await expect(led).rejects.toThrow("lead");
    await settle();
    expect(log).toEqual(["lead", "other", "follower"]);
    follower!.end();
    other!.end();
    expect(await Promise.all([followed, elsewhere])).toEqual(["follower", "other"]);
    expect(turns.size).toBe(0);
  });
});
