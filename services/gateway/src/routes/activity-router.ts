import { activityJson, listActivity } from "@causeflow/domain";
import type { PrismaClient } from "@causeflow/db";
import { Router } from "express";
import type { ActivityHub } from "../activity/activity-hub";
import type { ShutdownSignal } from "../http/shutdown-signal";
import { ActivityQuery } from "@causeflow/contracts/http";
import { streamActivity } from "../activity/stream-activity";
import { StreamSlots } from "../activity/stream-slots";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { validate } from "../http/validate";

/** `GET /v1/activity` (a page, oldest first) and `GET /v1/activity/stream` (Server-Sent Events), contract §7. */
export function activityRouter(deps: {
  prisma: PrismaClient;
  auth: Authenticator;
  hub: ActivityHub;
  shutdown: ShutdownSignal;
  heartbeatMs: number;
  /** Open streams per tenant on this gateway; more get 429 (`ACTIVITY_STREAMS_PER_TENANT`). */
  streamsPerTenant: number;
}): Router {
  const router = Router();
  const slots = new StreamSlots(deps.streamsPerTenant);
  router.get(
    "/v1/activity",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const q = validate(ActivityQuery, req.query, "query");
      const page = await listActivity(deps.prisma, { tenantId: authOf(res).tenantId, ...q, since: q.since ?? 0 });
      res.json({ items: page.items.map(activityJson), nextCursor: page.more ? String(page.last) : null });
    }),
  );
  router.get(
    "/v1/activity/stream",
    deps.auth.tenantScope("read"),
    asyncHandler(async (req, res) => {
      const query = validate(ActivityQuery, req.query, "query");
      const tenantId = authOf(res).tenantId;
      // Taken before the first await, so concurrent opens cannot pass the cap together.
      res.on("close", slots.take(tenantId));
      await streamActivity(req, res, {
        prisma: deps.prisma,
        hub: deps.hub,
        shutdown: deps.shutdown,
        heartbeatMs: deps.heartbeatMs,
        tenantId,
        query,
        lastEventId: req.get("last-event-id") ?? undefined,
      });
    }),
  );
  return router;
}
