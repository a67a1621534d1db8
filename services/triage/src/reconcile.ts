import { JOBS } from "@causeflow/contracts";
import type { Incident } from "@causeflow/db";
import type { QueueSet } from "@causeflow/queues";
import { triageOne, type TriageDeps } from "./process-triage";
import { synthesize } from "./synthesize-investigation";

export interface ReconcileOptions {
  /** Work not finished this long after it should have started is taken up again. */
  graceMs: number;
  /** A running investigation whose flow is gone is finished after this long. */
  investigationDeadlineMs: number;
  /** At most this many items of each kind per run. */
  batch: number;
}

export interface ReconcileReport {
  triaged: number;
  dispatched: number;
  finished: number;
}

/**
 * The periodic reconciler (a repeatable `maintenance` job): after any outage, every incident
 * reaches the state its policy says without a person.
 * - incidents still `open` past the grace period are triaged;
 * - incidents `triaging` with agents assigned and no investigation get one;
 * - investigations `running` past their deadline whose parent job is no longer queued (lost, or
 *   failed before the fix of its cause) are finished from the evidence stored.
 */
export async function reconcile(deps: TriageDeps & { queues: QueueSet }, options: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { triaged: 0, dispatched: 0, finished: 0 };
  const before = new Date(Date.now() - options.graceMs);
  const stale = await deps.prisma.incident.findMany({
    where: {
      OR: [
        // A reopened incident stays open on purpose (contract §9: no new triage or investigation).
        { status: "open", createdAt: { lt: before }, reopenCount: 0 },
        { status: "triaging", updatedAt: { lt: before }, NOT: { assignedAgents: { isEmpty: true } } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: options.batch,
  });
  for (const incident of stale as Incident[]) {
    const result = await triageOne(deps, incident);
    if (result.triaged) report.triaged += 1;
    if (result.dispatched.length) report.dispatched += 1;
  }

  const running = await deps.prisma.investigation.findMany({
    where: { status: "running", startedAt: { lt: new Date(Date.now() - options.investigationDeadlineMs) } },
    orderBy: { startedAt: "asc" },
    take: options.batch,
  });
  const parents = deps.queues.get(JOBS.investigation.queue);
  for (const investigation of running) {
    const job = await parents.getJob(investigation.id);
    const state = job ? await job.getState() : "unknown";
    if (["waiting", "waiting-children", "active", "delayed", "prioritized"].includes(state)) continue;
    await synthesize(deps, investigation.id);
    report.finished += 1;
  }
  if (report.triaged || report.dispatched || report.finished) deps.logger.warn({ ...report }, "reconciler finished stuck work");
  return report;
}
