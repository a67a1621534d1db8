import { activityChannel, JOBS, SEVERITIES, type Severity } from "@causeflow/contracts";
import {
  createDeliveries,
  directSql,
  hasDeliverySince,
  readEnabledChannels,
  readEntriesToRelay,
  type Channel,
  type NewDelivery,
  type PrismaClient,
  type RelayEntry,
} from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { enqueueMany, type QueueSet } from "@causeflow/queues";
import type { Redis } from "ioredis";

/** The consumer name of the relay's cursor over each tenant's activity. */
export const RELAY_CONSUMER = "notifier";
/** Deliveries of `incident.duplicate` for one incident and channel: at most one per this window (a storm is not a message storm). */
export const DUPLICATE_COALESCE_MS = 60_000;
const BATCH = 500;
/** At most one drain this often: announcements arrive per change, a drain reads them all. */
const MIN_DRAIN_INTERVAL_MS = 100;

/**
 * The outbox relay (contract §8): reads each tenant's activity after its cursor, creates one
 * Delivery per matching (entry, channel) and queues it, then moves the cursor. Every step is
 * idempotent (delivery ids are `<channelId>-<activityId>`, jobs keep those ids, the cursor only
 * moves forward), so a crash at any point, or two notifiers at once, deliver each once. Woken by
 * the activity announcements, and polling in case one was lost.
 */
export class ActivityRelay {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: { prisma: PrismaClient; queues: QueueSet; logger: Logger },
    private readonly pollMs: number,
  ) {}

  /** Starts polling and listening; `subscriber` is a dedicated connection (subscribed connections do nothing else). */
  async start(subscriber: Redis, prefix: string): Promise<void> {
    subscriber.on("message", () => this.wake());
    await subscriber.subscribe(activityChannel(prefix));
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .then(() => new Promise((resolve) => setTimeout(resolve, MIN_DRAIN_INTERVAL_MS)))
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Relays until no tenant has activity past its cursor. */
  async drain(): Promise<number> {
    let relayed = 0;
    try {
      for (;;) {
        const pending = await directSql(this.deps.prisma).$queryRaw<{ tenantId: string; last: bigint; cursor: bigint }[]>`
          SELECT c."tenantId", c."last", COALESCE(k."seq", 0) AS "cursor"
          FROM "ActivityCounter" c
          LEFT JOIN "ActivityCursor" k ON k."tenantId" = c."tenantId" AND k."consumer" = ${RELAY_CONSUMER}
          WHERE c."last" > COALESCE(k."seq", 0)
          LIMIT 100`;
        if (pending.length === 0 || this.stopped) return relayed;
        for (const tenant of pending) relayed += await this.relayTenant(tenant.tenantId, tenant.cursor, tenant.last);
      }
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message }, "activity relay paused; retrying on the next wake");
      return relayed;
    }
  }

  private async relayTenant(tenantId: string, cursor: bigint, last: bigint): Promise<number> {
    const { prisma } = this.deps;
    const channels = await readEnabledChannels(prisma, tenantId);
    let upTo = last;
    let created = 0;
    if (channels.length > 0) {
      const rows = await readEntriesToRelay(prisma, tenantId, cursor, last, BATCH);
      if (rows.length === 0) return 0;
      upTo = rows.at(-1)!.seq;
      const deliveries = await this.deliveriesFor(tenantId, rows, channels);
      if (deliveries.length > 0) {
        await createDeliveries(prisma, deliveries);
        // Every one, created now or before a crash: jobs keep the deliveries' ids, so queued ones are not queued twice.
        await enqueueMany(
          this.deps.queues,
          JOBS.notification,
          deliveries.map((d) => ({ deliveryId: d.id, channelId: d.channelId, tenantId })),
        );
        created = deliveries.length;
      }
    }
    // Forward only: a slower relay never moves another's cursor back.
    await directSql(prisma).$queryRaw`
      INSERT INTO "ActivityCursor" ("consumer", "tenantId", "seq", "updatedAt") VALUES (${RELAY_CONSUMER}, ${tenantId}, ${upTo}, now())
      ON CONFLICT ("consumer", "tenantId") DO UPDATE SET "seq" = GREATEST("ActivityCursor"."seq", EXCLUDED."seq"), "updatedAt" = now()`;
    return created;
  }

  /** The deliveries a batch of entries makes: events subscribed, severity at least the channel's minimum, duplicates coalesced. */
  private async deliveriesFor(tenantId: string, rows: RelayEntry[], channels: Channel[]): Promise<NewDelivery[]> {
    const coalesced = new Set<string>();
    const deliveries: NewDelivery[] = [];
    for (const row of rows) {
      for (const channel of channels) {
        if (row.seq <= channel.fromSeq || !channel.events.includes(row.type)) continue;
        if (row.severity && !atLeast(row.severity, channel.minSeverity)) continue;
        if (row.type === "incident.duplicate" && row.incidentId) {
          // Decided once per batch for an incident and channel: its first duplicate is delivered
          // unless one was within the minute, and the rest of a storm's go with that answer.
          const key = `${channel.id}:${row.incidentId}`;
          if (coalesced.has(key)) continue;
          coalesced.add(key);
          if (await this.recentDuplicate(channel.id, row.incidentId)) continue;
        }
        deliveries.push({
          id: `${channel.id}-${row.seq}`,
          tenantId,
          channelId: channel.id,
          activitySeq: row.seq,
          activityType: row.type,
          incidentId: row.incidentId,
        });
      }
    }
    return deliveries;
  }

  private recentDuplicate(channelId: string, incidentId: string): Promise<boolean> {
    const since = new Date(Date.now() - DUPLICATE_COALESCE_MS);
    return hasDeliverySince(this.deps.prisma, { channelId, incidentId, activityType: "incident.duplicate" }, since);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }
}

function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(minimum);
}
