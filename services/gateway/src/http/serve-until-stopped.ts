import http from "node:http";
import type { Express } from "express";
import { NODE_MAX_HEADER_SIZE } from "./request-limits";

export interface StoppableServer {
  server: http.Server;
  /** Stops accepting, lets requests in flight finish (they answer at once once shutdown is signalled), then closes; by force after the deadline. */
  stop(deadlineMs: number): Promise<void>;
}

/** Listens on `port` with limits that answer oversized requests (431, 408) instead of resetting the socket. */
export async function serveUntilStopped(app: Express, port: number): Promise<StoppableServer> {
  const server = http.createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE, requestTimeout: 60_000 }, app);
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    server,
    async stop(deadlineMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      server.closeAllConnections();
    },
  };
}
