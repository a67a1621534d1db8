import { newId } from "@causeflow/contracts";
import type { Change, PrismaClient } from "@causeflow/db";
import { z } from "zod";

/** A deploy or config change as `POST /v1/changes` takes it (contract §5). */
export const ChangeInput = z.object({
  service: z.string().trim().min(1).max(200),
  environment: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  url: z.url().optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type ChangeInput = z.infer<typeof ChangeInput>;

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

export function changeJson(c: Change) {
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
