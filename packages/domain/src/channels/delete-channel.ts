import type { Actor } from "@causeflow/contracts";
import { appendActivity } from "../activity/append-activity";
import type { DomainDeps } from "../domain-deps";
import { NotFound } from "../errors";

/** Deletes a channel and its delivery log (`channel.deleted`); deliveries still queued find it gone and do nothing. */
export async function deleteChannel(
  deps: Pick<DomainDeps, "prisma" | "publisher">,
  input: { tenantId: string; channelId: string; actor: Actor },
): Promise<void> {
  const channel = await deps.prisma.channel.findFirst({ where: { id: input.channelId, tenantId: input.tenantId } });
  if (!channel) throw new NotFound("channel");
  await deps.prisma.$transaction(async (tx) => {
    await tx.channel.delete({ where: { id: channel.id } });
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `Channel "${channel.name}" (${channel.type}) deleted`,
        event: { type: "channel.deleted", data: { channelId: channel.id, name: channel.name, type: channel.type } },
      },
    ]);
  });
  deps.publisher.announce(input.tenantId);
}
