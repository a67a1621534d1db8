import type { PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import type { QueueSet } from "@causeflow/queues";
import type { ActivityPublisher } from "./activity/activity-publisher";
import type { DedupCache } from "./alerts/dedup-cache";

/**
 * What operations need, built once in each service's composition root. An operation takes only
 * the parts it uses (`Pick<DomainDeps, …>`).
 */
export interface DomainDeps {
  prisma: PrismaClient;
  /** Producers of the job catalog's queues: operations enqueue the jobs that follow their change. */
  queues: QueueSet;
  /** Announces committed activity to every gateway's live stream. */
  publisher: ActivityPublisher;
  /** The Redis fast path of deduplication; cleared when an incident closes. */
  dedup: DedupCache;
  logger: Logger;
}

/** A Prisma transaction client: what `$transaction(async (tx) => …)` hands an operation. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
