import type { Prisma, PrismaClient } from "@prisma/client";

/**
 * Runs `work` on one connection (a transaction's) and has that connection report its statistics
 * as soon as it is idle, so a test can read in pg_stat_user_indexes what `work` scanned.
 */
export function reportingStatistics<T>(prisma: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const result = await work(tx);
    await tx.$executeRawUnsafe(`SELECT pg_stat_force_next_flush()`);
    return result;
  });
}
