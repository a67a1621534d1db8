import { activityChannel } from "@causeflow/contracts";
import type { Logger } from "@causeflow/logger";
import type { Redis } from "ioredis";

/** Tells every gateway that a tenant has new committed activity (the entries themselves are read from Postgres). */
export interface ActivityPublisher {
  announce(tenantId: string): void;
}

/**
 * Redis pub/sub announcements, sent after commit. A lost announcement delays a live stream only
 * until its next poll: the database, not the message, is the record.
 */
export class RedisActivityPublisher implements ActivityPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  announce(tenantId: string): void {
    this.redis.publish(activityChannel(this.prefix), tenantId).catch((error: unknown) => {
      this.logger.debug({ err: (error as Error).message }, "activity announcement not sent");
    });
  }
}
