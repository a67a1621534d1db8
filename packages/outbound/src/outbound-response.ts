import type { Dispatcher } from "undici";

/** Most of an answer `json()` reads by default: a tenant's endpoint must not make a service read a body of any size. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * An answer of an outbound request. Its body is read once, by one of `text`, `json` or `discard`,
 * and never further than asked; the request's timeout covers the reading. Until then the
 * connection is held (at most until the timeout).
 */
export class OutboundResponse {
  readonly status: number;

  constructor(
    private readonly answer: Dispatcher.ResponseData,
    private readonly done: () => void,
  ) {
    this.status = answer.statusCode;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** A header's value (the first, when repeated); undefined when absent. */
  header(name: string): string | undefined {
    const value = this.answer.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** At most `maxBytes` of the body, as UTF-8; the rest is not read. */
  async text(maxBytes: number): Promise<string> {
    return (await this.read(maxBytes)).subarray(0, maxBytes).toString("utf8");
  }

  /** The body as JSON; an answer over `maxBytes` is refused unread. */
  async json(maxBytes = MAX_JSON_BYTES): Promise<unknown> {
    const bytes = await this.read(maxBytes + 1);
    if (bytes.length > maxBytes) throw new Error(`the answer is over ${maxBytes} bytes`);
    return JSON.parse(bytes.toString("utf8"));
  }

  /** The body is not needed: a short one is read to keep the connection, a long one cut off. */
  async discard(): Promise<void> {
    try {
      await this.answer.body.dump({ limit: 64 * 1024 });
    } catch {
      // An error while discarding changes nothing for the caller.
    } finally {
      this.done();
    }
  }

  /** Reads until `maxBytes` or the end; stopping early destroys the stream (the connection is closed). */
  private async read(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of this.answer.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) break;
      }
      return Buffer.concat(chunks);
    } finally {
      this.done();
    }
  }
}
