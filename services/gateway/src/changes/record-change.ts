import { newId } from "@causeflow/contracts";
import { isUniqueViolation, type Change, type PrismaClient } from "@causeflow/db";
import type { Change as ChangeJson, ChangeInput } from "@causeflow/contracts/http";

/**
 * Records a deploy or config change. With an `externalId` (the sender's id of it), a redelivery
 * records nothing and returns null.
 */
export async function recordChange(
  prisma: PrismaClient,
  tenantId: string,
  input: ChangeInput & { externalId?: string },
  source: "api" | "github",
): Promise<Change | null> {
  try {
    return await prisma.change.create({ data: changeRow(tenantId, input, source) });
  } catch (error) {
    if (input.externalId && isUniqueViolation(error)) return null;
    throw error;
  }
}

function changeRow(tenantId: string, input: ChangeInput & { externalId?: string }, source: "api" | "github") {
  return {
    id: newId("change"),
    tenantId,
    service: input.service,
    environment: input.environment,
    version: input.version,
    description: input.description ?? null,
    url: input.url ?? null,
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
    source,
    externalId: input.externalId ?? null,
  };
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
