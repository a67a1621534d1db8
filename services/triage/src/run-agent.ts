import { InvestigationJob } from "@causeflow/contracts";
import { readTenantSettings, timelineRecord, type PrismaClient } from "@causeflow/db";
import type { Logger } from "@causeflow/logger";
import { UnrecoverableError, type Job } from "bullmq";
import type { Agent, RemediationProposal } from "./agents/agent";

export interface AgentJobResult {
  agent: string;
  evidence: number;
  proposal?: RemediationProposal;
}

export interface AgentRunnerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** An agent still running after this is stopped and its job fails (the investigation goes on). */
  budgetMs: number;
  fetch: typeof fetch;
}

/** Runs one agent of an investigation within its time budget and stores its evidence (once, even when retried). */
export function createAgentProcessor(agent: Agent, deps: AgentRunnerDeps) {
  return async function runAgent(job: Job<InvestigationJob>): Promise<AgentJobResult> {
    const parsed = InvestigationJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed agent job: ${parsed.error.message}`);
    const { investigationId, incidentId, tenantId } = parsed.data;
    const [incident, investigation] = await Promise.all([
      deps.prisma.incident.findFirst({ where: { id: incidentId, tenantId } }),
      deps.prisma.investigation.findUnique({ where: { id: investigationId } }),
    ]);
    if (!incident || !investigation) throw new UnrecoverableError(`investigation ${investigationId} not found`);
    if (investigation.status !== "running") return { agent: agent.name, evidence: 0 };
    const settings = await readTenantSettings(deps.prisma, tenantId);

    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new UnrecoverableError(`${agent.name} exceeded its time budget of ${deps.budgetMs} ms`));
      }, deps.budgetMs);
    });
    let output;
    try {
      output = await Promise.race([
        agent.run({ prisma: deps.prisma, incident, investigationId, settings, signal: controller.signal, fetch: deps.fetch }),
        budget,
      ]);
    } finally {
      clearTimeout(timer);
    }

    await deps.prisma.evidence.createMany({
      data: output.evidence.map((e, i) => ({
        id: `${investigationId}-${agent.name}-${i}`,
        investigationId,
        agent: agent.name,
        ...e,
        details: e.details as object,
      })),
      skipDuplicates: true,
    });
    await deps.prisma.timelineEntry.create({
      data: {
        incidentId,
        ...timelineRecord({
          kind: "agent_finished",
          message: `${agent.name} finished: ${output.evidence.map((e) => e.summary).join("; ")}`,
          data: { investigationId, agent: agent.name, evidence: output.evidence.length },
        }),
      },
    });
    deps.logger.info({ investigationId, incidentId, agent: agent.name, evidence: output.evidence.length }, "agent finished");
    return { agent: agent.name, evidence: output.evidence.length, ...(output.proposal ? { proposal: output.proposal } : {}) };
  };
}
