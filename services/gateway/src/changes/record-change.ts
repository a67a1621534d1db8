import { newId } from "@causeflow/contracts";
import type { Change, PrismaClient } from "@causeflow/db";
import type { Change as ChangeJson, ChangeInput } from "@causeflow/contracts/http";

export function recordChange(
  prisma: PrismaClient,
  tenantId: string,
  input: ChangeInput,
  source: "api" | "github",
): Promise<Change> {
  return prisma.change.create({
    data: {
      id: newId("change"),
      tenantId,
      service: input.service,
      environment: input.environment,
      version: input.version,
      description: input.description ?? null,
      url: input.url ?? null,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
      source,
    },
  });
}

export function changeJson(c: Change): ChangeJson {
  return {
    changeId: c.id,
    service: c.service,
    environment: c.environment,
    version: c.version,
    description: c.description,
    url: c.url,
    occurredAt: c.occurredAt.toISOString(),
    source: c.source,
    createdAt: c.createdAt.toISOString(),
  };
}
