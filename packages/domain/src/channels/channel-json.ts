import { ActivityType } from "@causeflow/contracts";
import type { Channel as ChannelJson } from "@causeflow/contracts/http";
import type { Channel } from "@causeflow/db";

/** A channel as the API shows it: never its secrets (contract §8). */
export function channelJson(c: Channel): ChannelJson {
  return {
    channelId: c.id,
    name: c.name,
    type: c.type,
    target: c.target,
    events: c.events.filter((e): e is ActivityType => ActivityType.safeParse(e).success),
    minSeverity: c.minSeverity,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
