import { decodePayloadRejection, deliveriesOf, deliveryJobId, JOBS, RawAlertsJob } from "@causeflow/contracts";
import type { PrismaClient } from "@causeflow/db";
import type { QueueSet } from "@causeflow/queues";
import { Router } from "express";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { notFound } from "../http/http-error";

/** `GET /v1/events/{eventId}`: what became of a delivery, including those answered 202. */
export function eventsRouter(deps: { prisma: PrismaClient; auth: Authenticator; queues: QueueSet }): Router {
  const router = Router();
  router.get(
    "/v1/events/:eventId",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const eventId = String(req.params.eventId);
      const { tenantId } = authOf(res);
      const event = await deps.prisma.alertEvent.findFirst({ where: { id: eventId, tenantId } });
      if (event && event.status !== "received") {
        res.json({
          eventId,
          provider: event.provider,
          receivedAt: event.receivedAt.toISOString(),
          status: event.status,
          outcome: event.outcome,
          reason: event.reason,
          results: event.results ?? [],
          error: event.error,
          followUp: event.followUp,
        });
        return;
      }
      // Not processed yet: the queued job that holds it is the record.
      const job = await deps.queues.get(JOBS.rawAlert.queue).getJob(deliveryJobId(eventId));
      const data = RawAlertsJob.safeParse(job?.data);
      const delivery = data.success ? deliveriesOf(data.data).find((d) => d.eventId === eventId) : undefined;
      if (!job || !delivery || delivery.tenantId !== tenantId) throw notFound("not_found", "no such event");
      const failed = (await job.getState()) === "failed";
      res.json({
        eventId,
        provider: delivery.provider,
        receivedAt: delivery.receivedAt,
        status: failed ? "failed" : "queued",
        outcome: null,
        results: [],
        error: failed
          ? (decodePayloadRejection(job.failedReason) ?? {
              error: "processing_failed",
              message: "processing failed; see Bull Board",
            })
          : null,
      });
    }),
  );
  return router;
}
