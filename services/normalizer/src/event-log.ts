import type { PayloadRejection, RawAlertJob, Verdict } from "@causeflow/contracts";
import type { AlertEvent, PrismaClient } from "@causeflow/db";
import { insertReceivedEvents, markEventsProcessed, type ProcessedEventRow } from "@causeflow/db/batch";
import { MicroBatcher } from "@causeflow/domain";

/** What a job needs of its delivery's record. */
export type EventState = Pick<AlertEvent, "status" | "error">;

/**
 * The durable record of every delivery (AlertEvent): raw body, headers and what became of it.
 * Written when the normalizer first sees the job, so nothing acknowledged is ever lost. The
 * records of concurrent jobs are written together, one statement per micro-batch, and answered in
 * the order the jobs came: their alerts are then applied in that order (AlertBatcher's key turns),
 * so a resolve queued after its firing alert is not applied before it.
 */
export class EventLog {
  private readonly received: MicroBatcher<RawAlertJob, boolean>;
  private readonly processed: MicroBatcher<ProcessedEventRow, void>;

  constructor(private readonly prisma: PrismaClient) {
    this.received = new MicroBatcher(
      async (jobs) => {
        const created = await insertReceivedEvents(
          prisma,
          jobs.map((job) => ({
            id: job.eventId,
            tenantId: job.tenantId,
            provider: job.provider,
            receivedAt: new Date(job.receivedAt),
            rawBody: job.rawBody,
            headers: job.headers,
          })),
        );
        return jobs.map((job) => created.has(job.eventId));
      },
      { ordered: true },
    );
    this.processed = new MicroBatcher(async (rows) => {
      await markEventsProcessed(prisma, rows);
      return rows.map(() => undefined);
    });
  }

  /**
   * The event of this job, recorded on first sight (status "received"). `fresh` is true when
   * this call recorded it: then no earlier attempt can have applied any of its alerts.
   */
  async open(job: RawAlertJob): Promise<{ event: EventState; fresh: boolean }> {
    if (await this.received.submit(job)) return { event: { status: "received", error: null }, fresh: true };
    const event = await this.prisma.alertEvent.findUniqueOrThrow({
      where: { id: job.eventId },
      select: { status: true, error: true },
    });
    return { event, fresh: false };
  }

  async markProcessed(verdict: Verdict): Promise<void> {
    await this.processed.submit({
      id: verdict.eventId,
      outcome: verdict.outcome,
      reason: verdict.reason ?? null,
      results: verdict.results,
    });
  }

  async markFailed(eventId: string, rejection: PayloadRejection): Promise<void> {
    await this.prisma.alertEvent.update({
      where: { id: eventId },
      data: { status: "failed", error: rejection, processedAt: new Date() },
    });
  }
}
