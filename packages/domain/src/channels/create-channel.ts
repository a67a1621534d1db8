import { DEFAULT_CHANNEL_EVENTS, newId, type Actor, type SealedChannelConfig } from "@causeflow/contracts";
import type { CreateChannelBody } from "@causeflow/contracts/http";
import type { Channel } from "@causeflow/db";
import type { OutboundPolicy } from "@causeflow/outbound";
import { appendActivity } from "../activity/append-activity";
import { requireTenant } from "../api-keys/create-api-key";
import type { DomainDeps } from "../domain-deps";
import type { SecretBox } from "../secrets/secret-box";
import { channelTarget, checkChannelUrls, newSigningSecret, sealChannelConfig } from "./channel-config";

export type ChannelDeps = Pick<DomainDeps, "prisma" | "publisher"> & { secrets: SecretBox; outbound: OutboundPolicy };

/**
 * Adds a notification channel (`channel.created`): its config sealed at rest, a webhook channel's
 * signing secret generated (and returned this once). Only activity after its creation is
 * delivered to it.
 */
export async function createChannel(
  deps: ChannelDeps,
  input: { tenantId: string; body: CreateChannelBody; actor: Actor },
): Promise<{ channel: Channel; signingSecret?: string }> {
  const { body } = input;
  const config: SealedChannelConfig =
    body.type === "webhook"
      ? { type: "webhook", url: body.config.url, signingSecret: newSigningSecret() }
      : ({ type: body.type, ...body.config } as SealedChannelConfig);
  await checkChannelUrls(config, deps.outbound);
  await requireTenant(deps.prisma, input.tenantId);
  const channel = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.channel.create({
      data: {
        id: newId("channel"),
        tenantId: input.tenantId,
        name: body.name,
        type: body.type,
        configEnc: sealChannelConfig(deps.secrets, config),
        target: channelTarget(config),
        events: [...(body.events ?? DEFAULT_CHANNEL_EVENTS)],
        minSeverity: body.minSeverity ?? "high",
        enabled: body.enabled ?? true,
      },
    });
    const [seq] = await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `Channel "${created.name}" (${created.type}) created`,
        event: { type: "channel.created", data: { channelId: created.id, name: created.name, type: created.type } },
      },
    ]);
    return tx.channel.update({ where: { id: created.id }, data: { fromSeq: BigInt(seq!) } });
  });
  deps.publisher.announce(input.tenantId);
  return { channel, ...(config.type === "webhook" ? { signingSecret: config.signingSecret } : {}) };
}
