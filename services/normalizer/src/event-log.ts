import type { PayloadRejection, RawAlertJob, Verdict } from "@causeflow/contracts";
import { isUniqueViolation, type AlertEvent, type Prisma, type PrismaClient } from "@causeflow/db";

/**
 * The durable record of every delivery (AlertEvent): raw body, headers and what became of it.
 * Written when the normalizer first sees the job, so nothing acknowledged is ever lost.
 */
export class EventLog {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The event row for this job, created on first sight (status "received"). `fresh` is true when
   * this call created it: then no earlier attempt can have applied any of its alerts.
   */
  async open(job: RawAlertJob): Promise<{ event: AlertEvent; fresh: boolean }> {
    try {
      const event = await this.prisma.alertEvent.create({
        data: {
          id: job.eventId,
          tenantId: job.tenantId,
          provider: job.provider,
          receivedAt: new Date(job.receivedAt),
          rawBody: job.rawBody,
          headers: job.headers,
          status: "received",
        },
      });
      return { event, fresh: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { event: await this.prisma.alertEvent.findUniqueOrThrow({ where: { id: job.eventId } }), fresh: false };
    }
  }

  async markProcessed(verdict: Verdict): Promise<void> {
    await this.prisma.alertEvent.update({
      where: { id: verdict.eventId },
      data: {
        status: "processed",
        outcome: verdict.outcome,
        reason: verdict.reason ?? null,
        results: verdict.results as Prisma.InputJsonArray,
        processedAt: new Date(),
      },
    });
  }

  async markFailed(eventId: string, rejection: PayloadRejection): Promise<void> {
    await this.prisma.alertEvent.update({
      where: { id: eventId },
      data: { status: "failed", error: rejection, processedAt: new Date() },
    });
  }
}
