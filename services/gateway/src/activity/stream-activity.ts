import { activityJson, lastActivityId, listActivity } from "@causeflow/domain";
import type { PrismaClient } from "@causeflow/db";
import type { Request, Response } from "express";
import type { ShutdownSignal } from "../http/shutdown-signal";
import type { ActivityHub } from "./activity-hub";
import type { ActivityQuery } from "@causeflow/contracts/http";

export interface StreamOptions {
  prisma: PrismaClient;
  hub: ActivityHub;
  shutdown: ShutdownSignal;
  heartbeatMs: number;
  tenantId: string;
  query: ActivityQuery;
  /** `Last-Event-ID` of a reconnecting EventSource, if any. */
  lastEventId?: string;
}

const PAGE = 500;

/**
 * Serves `GET /v1/activity/stream` (contract §7): replays every entry after `Last-Event-ID` /
 * `?since=` from Postgres, then goes live, woken by the hub. Entries are read by activityId,
 * which increases in commit order per tenant, so "everything after the last id sent" has no gap
 * and no repeat, across reconnects and gateway instances. A comment every `heartbeatMs` keeps
 * proxies from closing an idle stream. It reads no further while its client has not taken what
 * was written (at most a page past the response's buffer is held per stream).
 */
export async function streamActivity(req: Request, res: Response, options: StreamOptions): Promise<void> {
  const { prisma, tenantId, query } = options;
  const resumeFrom = Number(options.lastEventId);
  let last =
    options.lastEventId !== undefined && Number.isInteger(resumeFrom) && resumeFrom >= 0
      ? resumeFrom
      : (query.since ?? (await lastActivityId(prisma, tenantId)));

  res.status(200).set({
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  res.write(`retry: 2000\n: connected, after ${last}\n\n`);

  let closed = false;
  let running = false;
  let again = false;
  const pump = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await listActivity(prisma, {
            tenantId,
            since: last,
            types: query.types,
            incidentId: query.incidentId,
            limit: PAGE,
          });
          for (const row of page.items) {
            if (closed) return;
            const entry = activityJson(row);
            res.write(`id: ${entry.activityId}\nevent: ${entry.type}\ndata: ${JSON.stringify(entry)}\n\n`);
          }
          last = page.last;
          // A client that reads slower than entries come (asleep, on a slow link, in a storm) is
          // waited for: what it has not taken yet stays in Postgres, not in this gateway's memory.
          if (res.writableNeedDrain && !closed && !res.destroyed) await drained(res);
          if (closed) return;
          if (!page.more) break;
        }
      } while (again && !closed);
    } catch (error) {
      req.log?.warn({ err: (error as Error).message }, "activity stream could not read; retrying on the next wake");
    } finally {
      running = false;
    }
  };

  const unlisten = options.hub.listen(tenantId, () => void pump());
  const heartbeat = setInterval(() => res.write(`: keep-alive ${new Date().toISOString()}\n\n`), options.heartbeatMs);
  let stopListening = () => {};
  // Called on the request's close, the response's error and the gateway's shutdown: once is enough.
  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unlisten();
    stopListening();
  };
  req.on("close", stop);
  res.on("error", stop);
  // A stopping gateway ends its streams; clients reconnect to another instance with Last-Event-ID.
  stopListening = options.shutdown.onShutdown(() => {
    stop();
    res.end();
  });
  await pump();
}

/** Resolves once the response has taken what was written, or is gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) res.off(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"]) res.once(event, done);
  });
}
