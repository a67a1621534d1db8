import { z } from "zod";
import { ActivityType } from "../activity";
import { ChannelType, EmailConfig, SlackConfig, WebhookConfig } from "../channel";
import { Severity } from "../severity";
import { NullableTimestamp, Timestamp } from "./common";

const Common = {
  name: z.string().trim().min(1).max(200),
  events: z
    .array(ActivityType)
    .min(1)
    .max(40)
    .optional()
    .describe("default: incident.created, remediation.proposed, investigation.completed, incident.resolved"),
  minSeverity: Severity.optional().describe("default high; an entry without an incident severity ignores it"),
  enabled: z.boolean().optional(),
};

export const CreateChannelBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("slack"), config: SlackConfig, ...Common }),
  z.object({ type: z.literal("webhook"), config: WebhookConfig, ...Common }),
  z.object({ type: z.literal("email"), config: EmailConfig, ...Common }),
]);
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const PatchChannelBody = z
  .object({
    name: Common.name,
    config: z.union([SlackConfig, WebhookConfig, EmailConfig]).describe("of the channel's own type"),
    events: z.array(ActivityType).min(1).max(40),
    minSeverity: Severity,
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type PatchChannelBody = z.infer<typeof PatchChannelBody>;

/** A channel as the API shows it: never its secrets (a Slack URL shows only its host). */
export const Channel = z.strictObject({
  channelId: z.string(),
  name: z.string(),
  type: ChannelType,
  target: z.string().describe("the webhook URL, the email addresses, or the Slack host"),
  events: z.array(ActivityType),
  minSeverity: Severity,
  enabled: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Channel = z.infer<typeof Channel>;

/** The answer to a webhook channel's creation carries its signing secret, shown once. */
export const CreatedChannel = z.strictObject({
  ...Channel.shape,
  signingSecret: z.string().optional().describe("webhook channels: whsec_<base64>, shown once"),
});
export const ChannelList = z.strictObject({ items: z.array(Channel) });

export const ChannelTestResult = z.strictObject({
  delivered: z.boolean(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const Delivery = z.strictObject({
  deliveryId: z.string(),
  activityId: z.number().int(),
  activityType: z.string(),
  incidentId: z.string().nullable(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  deliveredAt: NullableTimestamp,
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryList = z.strictObject({ items: z.array(Delivery) });
export const DeliveryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(["pending", "delivered", "failed"]).optional(),
});

export type CreatedChannel = z.infer<typeof CreatedChannel>;
export type ChannelList = z.infer<typeof ChannelList>;
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;
export type DeliveryList = z.infer<typeof DeliveryList>;
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;
