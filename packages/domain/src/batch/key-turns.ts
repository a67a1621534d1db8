/** Consecutive work of one kind on a key: it runs once the group before it is done. */
interface Group {
  shared: boolean;
  /** The previous group's end (never rejects). */
  after: Promise<void>;
  /** A shared group's first work, which the rest of the group waits for (settled, never rejects). */
  leader?: Promise<void>;
  pending: number;
  done: Promise<void>;
  finish(): void;
}

/**
 * The order of one process's work per key, with as much of it at once as order allows (issue 12).
 * Work of one kind in a row forms a group; a group starts when the group before it on the key is
 * done. In a shared group the first work runs first and the rest together after it (a firing
 * alert opens the incident, the alerts behind it are its duplicates, counted in one batch); in
 * an unshared group all run together (resolves of one key: the first resolves, the rest find
 * nothing open). So a firing alert and the resolve after it take effect in that order.
 */
export class KeyTurns {
  private readonly last = new Map<string, Group>();

  /** Runs `work` in its turn on `key`; `shared`: work whose followers wait for the group's first. */
  async take<T>(key: string, shared: boolean, work: () => Promise<T>): Promise<T> {
    const group = this.join(key, shared);
    try {
      if (shared && !group.leader) {
        const run = group.after.then(work);
        group.leader = run.then(ignore, ignore);
        return await run;
      }
      await group.after;
      await group.leader;
      return await work();
    } finally {
      group.pending -= 1;
      if (group.pending === 0) {
        if (this.last.get(key) === group) this.last.delete(key);
        group.finish();
      }
    }
  }

  /** Keys with work waiting or running (tests: nothing is kept once the work is done). */
  get size(): number {
    return this.last.size;
  }

  private join(key: string, shared: boolean): Group {
    const previous = this.last.get(key);
    if (previous?.shared === shared) {
      previous.pending += 1;
      return previous;
    }
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const group: Group = { shared, after: previous?.done ?? Promise.resolve(), pending: 1, done, finish };
    this.last.set(key, group);
    return group;
  }
}

const ignore = () => undefined;
