import { AGENT_QUEUES, InvestigationJob } from "@causeflow/contracts";
import { timelineRecord, type Prisma, type PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { UnrecoverableError, type Job } from "bullmq";
import { deriveRootCause } from "./root-cause";
import type { AgentJobResult } from "./run-agent";

/**
 * The `investigations` parent job: runs once every agent job finished (or failed after its
 * retries), derives the root cause from the stored evidence, records the remediation proposal, and
 * moves the incident to `awaiting_approval` when there is one.
 */
export function createSynthesisProcessor(deps: { prisma: PrismaClient; logger: Logger }) {
  return async function synthesize(job: Job<InvestigationJob>): Promise<{ rootCause: boolean; proposal: boolean }> {
    const parsed = InvestigationJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed investigation job: ${parsed.error.message}`);
    const { investigationId, incidentId } = parsed.data;
    const investigation = await deps.prisma.investigation.findUnique({
      where: { id: investigationId },
      include: { evidence: true, incident: true },
    });
    if (!investigation) throw new UnrecoverableError(`investigation ${investigationId} not found`);
    if (investigation.status !== "running")
      return { rootCause: investigation.rootCause !== null, proposal: investigation.remediation !== null };

    const results = Object.values((await job.getChildrenValues()) as Record<string, AgentJobResult>);
    const failures = Object.entries(await job.getIgnoredChildrenFailures()).map(([key, reason]) => ({
      agent: agentOfJobKey(key),
      reason,
    }));
    const rootCause = deriveRootCause(investigation.evidence);
    const proposal = results.find((r) => r.proposal)?.proposal;
    const remediation = proposal
      ? { status: "proposed", title: proposal.title, steps: proposal.steps, proposedAt: new Date().toISOString() }
      : null;

    const entries = [
      ...failures.map((f) =>
        timelineRecord({ kind: "agent_failed", message: `${f.agent} failed: ${f.reason}`, data: { investigationId, ...f } }),
      ),
      timelineRecord({
        kind: "root_cause",
        message: rootCause
          ? `Root cause (confidence ${rootCause.confidence.toFixed(2)}): ${rootCause.summary}`
          : "No root cause found: no evidence implicates a cause",
        data: { investigationId, rootCause: rootCause ? { ...rootCause } : null },
      }),
      ...(remediation
        ? [
            timelineRecord({
              kind: "remediation_proposed",
              message: `Proposed: ${remediation.title} (awaiting approval)`,
              data: { investigationId, ...remediation },
            }),
          ]
        : []),
    ];
    await deps.prisma.$transaction([
      deps.prisma.investigation.update({
        where: { id: investigationId },
        data: {
          status: "completed",
          finishedAt: new Date(),
          rootCause: (rootCause ?? undefined) as Prisma.InputJsonObject | undefined,
          remediation: (remediation ?? undefined) as Prisma.InputJsonObject | undefined,
        },
      }),
      // One millisecond apart, so the timeline keeps this order.
      deps.prisma.timelineEntry.createMany({
        data: entries.map((e, i) => ({ ...e, incidentId, createdAt: new Date(Date.now() + i) })),
      }),
      // Only an incident still investigating waits for approval; one resolved meanwhile stays resolved.
      deps.prisma.incident.updateMany({
        where: { id: incidentId, status: "investigating" },
        data: { status: remediation ? "awaiting_approval" : "investigating" },
      }),
    ]);
    deps.logger.info(
      { investigationId, incidentId, rootCause: !!rootCause, proposal: !!remediation, failedAgents: failures.length },
      "investigation completed",
    );
    return { rootCause: !!rootCause, proposal: !!remediation };
  };
}

/** `<prefix>:<queue>:<jobId>` → the agent whose queue it is. */
function agentOfJobKey(key: string): string {
  const queue = key.split(":")[1];
  return Object.entries(AGENT_QUEUES).find(([, q]) => q === queue)?.[0] ?? key;
}

/**
 * Called for every failed attempt of an investigation's parent job: once no attempt is left, the
 * investigation is marked failed (so a new one can start) and the timeline says why.
 */
export function markInvestigationFailed(prisma: PrismaClient, logger: Logger) {
  return async (job: Pick<Job<InvestigationJob>, "data" | "attemptsMade" | "opts"> | undefined, error: Error): Promise<void> => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const { investigationId, incidentId } = job.data;
    const updated = await prisma.investigation.updateMany({
      where: { id: investigationId, status: "running" },
      data: { status: "failed", finishedAt: new Date() },
    });
    if (updated.count === 0) return;
    await prisma.timelineEntry.create({
      data: {
        incidentId,
        ...timelineRecord({
          kind: "investigation_failed",
          message: `Investigation failed: ${error.message}`,
          data: { investigationId },
        }),
      },
    });
    logger.warn({ investigationId, incidentId, err: error.message }, "investigation failed");
  };
}
