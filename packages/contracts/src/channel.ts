import { z } from "zod";
import { ActivityType } from "./activity";

export const ChannelType = z.enum(["slack", "webhook", "email"]);
export type ChannelType = z.infer<typeof ChannelType>;

/** What a channel receives unless told otherwise (contract §8): no duplicates, so a storm is not a message storm. */
export const DEFAULT_CHANNEL_EVENTS: readonly ActivityType[] = [
  "incident.created",
  "remediation.proposed",
  "investigation.completed",
  "incident.resolved",
];

export const SlackConfig = z.strictObject({ webhookUrl: z.url({ protocol: /^https?$/ }).max(2000) });
export const WebhookConfig = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000) });
export const EmailConfig = z.strictObject({ to: z.array(z.email().max(320)).min(1).max(20) });

/** A channel's configuration as sealed at rest: what the sender needs, secrets included. */
export const SealedChannelConfig = z.discriminatedUnion("type", [
  z.object({ type: z.literal("slack"), webhookUrl: z.string() }),
  z.object({ type: z.literal("webhook"), url: z.string(), signingSecret: z.string() }),
  z.object({ type: z.literal("email"), to: z.array(z.string()) }),
]);
export type SealedChannelConfig = z.infer<typeof SealedChannelConfig>;
