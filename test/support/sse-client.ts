import http from "node:http";

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A Server-Sent Events client for tests: collects every event and comment of one stream. */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  private request: http.ClientRequest | undefined;
  private ended = false;

  /** Opens `url` with `headers` and resolves once the response headers arrived. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) !== -1) {
            client.parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        });
        res.on("end", () => {
          client.ended = true;
        });
        resolve(client);
      });
      client.request.on("error", (error) => (client.ended ? undefined : reject(error)));
    });
  }

  get closedByServer(): boolean {
    return this.ended;
  }

  private parse(block: string): void {
    const event: SseEvent = { data: "" };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("id: ")) event.id = line.slice(4);
      else if (line.startsWith("event: ")) event.event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length) this.events.push({ ...event, data: data.join("\n") });
  }

  close(): void {
    this.ended = true;
    this.request?.destroy();
  }
}
