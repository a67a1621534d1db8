import { randomBytes } from "node:crypto";
import { SealedChannelConfig } from "@causeflow/contracts";
import { assertUrlAllowed, type OutboundPolicy } from "@causeflow/outbound";
import type { SecretBox } from "../secrets/secret-box";

/** A new webhook signing secret in the Standard Webhooks format (`whsec_` + base64 of 32 random bytes). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** What may be shown of a config: the webhook URL, the addresses, the Slack host (its path is the secret). */
export function channelTarget(config: SealedChannelConfig): string {
  switch (config.type) {
    case "slack":
      return new URL(config.webhookUrl).host;
    case "webhook":
      return config.url;
    case "email":
      return config.to.join(", ");
  }
}

/** Refuses (422 url_not_allowed) a URL the notifier may not reach, before it is saved. */
export async function checkChannelUrls(config: SealedChannelConfig, policy: OutboundPolicy): Promise<void> {
  if (config.type === "slack") await assertUrlAllowed(config.webhookUrl, policy);
  if (config.type === "webhook") await assertUrlAllowed(config.url, policy);
}

export function sealChannelConfig(secrets: SecretBox, config: SealedChannelConfig): string {
  return secrets.seal(JSON.stringify(config));
}

/** A channel's config, unsealed and checked against its schema. */
export function openChannelConfig(secrets: SecretBox, configEnc: string): SealedChannelConfig {
  return SealedChannelConfig.parse(JSON.parse(secrets.open(configEnc)));
}
