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
