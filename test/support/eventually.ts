/** Polls `probe` until `done` accepts its value (every 50 ms, up to `ms`); returns that value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean = Boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${ms} ms (last value: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
