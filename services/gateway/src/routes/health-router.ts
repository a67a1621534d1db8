import { runReadiness, type ReadinessCheck } from "@causeflow/health";
import { Router } from "express";
import { RETRY_AFTER_SECONDS } from "../http/error-handler";

/** `GET /healthz` (process up) and `GET /readyz` (Redis and Postgres reachable, else 503). */
export function healthRouter(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", (_req, res, next) => {
    runReadiness(checks).then((report) => {
      if (!report.ready) res.set("Retry-After", String(RETRY_AFTER_SECONDS));
      res
        .status(report.ready ? 200 : 503)
        .json(report.ready ? report : { error: "unavailable", message: "not ready", ...report });
    }, next);
  });
  return router;
}
