import { activityChannel } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import type { Redis } from "ioredis";

/** Tells every gateway that a tenant has new committed activity (the entries themselves are read from Postgres). */
export interface ActivityPublisher {
  announce(tenantId: string): void;
}

/**
 * Redis pub/sub announcements, sent after commit and coalesced: every tenant announced within a
 * few milliseconds gets one message, so a storm of changes is not a storm of messages. A lost
 * announcement delays a live stream only until its next poll: the database is the record.
 */
export class RedisActivityPublisher implements ActivityPublisher {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly coalesceMs = 5,
  ) {}

  announce(tenantId: string): void {
    this.pending.add(tenantId);
    this.timer ??= setTimeout(() => this.flush(), this.coalesceMs);
  }

  private flush(): void {
    this.timer = undefined;
    const tenants = [...this.pending];
    this.pending.clear();
    for (const tenantId of tenants) {
      this.redis.publish(activityChannel(this.prefix), tenantId).catch((error: unknown) => {
        this.logger.debug({ err: (error as Error).message }, "activity announcement not sent");
      });
    }
  }
}
