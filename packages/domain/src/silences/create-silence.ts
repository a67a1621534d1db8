import { newId, type Actor, type SilenceMatcher } from "@causeflow/contracts";
import type { Silence } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import { requireTenant } from "../api-keys/create-api-key";
import type { DomainDeps } from "../domain-deps";
import { compileMatcher } from "./silence-matcher";

/**
 * Creates a silence (`silence.created`): from `startsAt` (default now; later is a maintenance
 * window) to `endsAt`, firing alerts matching every matcher open no incident. Regular
 * expressions are compiled now, so one RE2 cannot run is refused (422) rather than ignored.
 */
export async function createSilence(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; matchers: SilenceMatcher[]; startsAt?: Date; endsAt: Date; comment: string; actor: Actor },
): Promise<Silence> {
  input.matchers.forEach(compileMatcher);
  await requireTenant(deps.prisma, input.tenantId);
  const silence = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.silence.create({
      data: {
        id: newId("silence"),
        tenantId: input.tenantId,
        matchers: input.matchers,
        startsAt: input.startsAt ?? new Date(),
        endsAt: input.endsAt,
        comment: input.comment,
        createdByKind: input.actor.kind,
        createdById: input.actor.id,
      },
    });
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `Silence created until ${created.endsAt.toISOString()}: ${created.comment}`,
        event: {
          type: "silence.created",
          data: {
            silenceId: created.id,
            comment: created.comment,
            startsAt: created.startsAt.toISOString(),
            endsAt: created.endsAt.toISOString(),
          },
        },
      },
    ]);
    return created;
  });
  deps.publisher.announce(input.tenantId);
  return silence;
}
