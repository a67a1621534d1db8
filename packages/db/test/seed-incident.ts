import type { Prisma, PrismaClient } from "@prisma/client";

/** An incident row for the db package's tests: a `high` custom alert's, seen once at `at`, with any field overridden. */
export function seedIncident(
  prisma: PrismaClient,
  at: Date,
  fields: Partial<Prisma.IncidentUncheckedCreateInput> & { id: string; tenantId: string },
) {
  return prisma.incident.create({
    data: {
      title: "API 5xx",
      description: "",
      severity: "high",
      status: "investigating",
      source: "custom",
      sourceAlertId: "api-5xx",
      firstSeenAt: at,
      lastSeenAt: at,
      occurredAt: at,
      ...fields,
    },
  });
}

/** An investigation of an incident for the db package's tests: a completed change_detector run started at `at`, any field overridden. */
export function seedInvestigation(
  prisma: PrismaClient,
  at: Date,
  fields: Partial<Prisma.InvestigationUncheckedCreateInput> & { id: string; incidentId: string; tenantId: string },
) {
  return prisma.investigation.create({
    data: { status: "completed", agents: ["change_detector"], startedAt: at, ...fields },
  });
}
