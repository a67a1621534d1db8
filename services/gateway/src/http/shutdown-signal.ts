/**
 * Set when the gateway starts to stop: requests waiting for a verdict answer 202 at once (their
 * delivery is queued), streams end, and the server closes within its deadline.
 */
export class ShutdownSignal {
  private resolve!: () => void;
  readonly promise: Promise<"shutdown"> = new Promise((r) => {
    this.resolve = () => r("shutdown");
  });
  private stopping = false;

  get active(): boolean {
    return this.stopping;
  }

  trigger(): void {
    this.stopping = true;
    this.resolve();
  }
}
