import { EmailConfig, SlackConfig, WebhookConfig, type Actor, type SealedChannelConfig } from "@causeflow/contracts";
import type { PatchChannelBody } from "@causeflow/contracts/http";
import type { Channel } from "@causeflow/db";
import { appendActivity } from "../activity/append-activity";
import { DomainError, NotFound } from "../errors";
import { channelTarget, checkChannelUrls, openChannelConfig, sealChannelConfig } from "./channel-config";
import type { ChannelDeps } from "./create-channel";

/** The new config of a channel's own type (a webhook keeps its signing secret), or a 422 naming the type expected. */
function mergeConfig(current: SealedChannelConfig, config: NonNullable<PatchChannelBody["config"]>): SealedChannelConfig {
  const wrongType = () => new DomainError("invalid", "invalid_config", `config does not match a ${current.type} channel`);
  switch (current.type) {
    case "slack": {
      const parsed = SlackConfig.safeParse(config);
      if (!parsed.success) throw wrongType();
      return { type: "slack", ...parsed.data };
    }
    case "webhook": {
      const parsed = WebhookConfig.safeParse(config);
      if (!parsed.success) throw wrongType();
      return { ...current, url: parsed.data.url };
    }
    case "email": {
      const parsed = EmailConfig.safeParse(config);
      if (!parsed.success) throw wrongType();
      return { type: "email", ...parsed.data };
    }
  }
}

/** Changes a channel (`channel.updated`, naming the fields changed, never their values). */
export async function updateChannel(
  deps: ChannelDeps,
  input: { tenantId: string; channelId: string; changes: PatchChannelBody; actor: Actor },
): Promise<Channel> {
  const channel = await deps.prisma.channel.findFirst({ where: { id: input.channelId, tenantId: input.tenantId } });
  if (!channel) throw new NotFound("channel");
  const { config, ...rest } = input.changes;
  let sealed: { configEnc: string; target: string } | undefined;
  if (config) {
    const merged = mergeConfig(openChannelConfig(deps.secrets, channel.configEnc), config);
    await checkChannelUrls(merged, deps.outbound);
    sealed = { configEnc: sealChannelConfig(deps.secrets, merged), target: channelTarget(merged) };
  }
  const changed = Object.keys(input.changes);
  const updated = await deps.prisma.$transaction(async (tx) => {
    const saved = await tx.channel.update({ where: { id: channel.id }, data: { ...rest, ...sealed } });
    await appendActivity(tx, input.tenantId, [
      {
        actor: input.actor,
        message: `Channel "${saved.name}" updated: ${changed.join(", ") || "nothing"}`,
        event: { type: "channel.updated", data: { channelId: saved.id, name: saved.name, type: saved.type, changed } },
      },
    ]);
    return saved;
  });
  deps.publisher.announce(input.tenantId);
  return updated;
}
