import { randomBytes } from "node:crypto";
import type { SealedChannelConfig } from "@causeflow/contracts";
import { UrlNotAllowed, type OutboundRequest } from "@causeflow/outbound";
import type { Transporter } from "nodemailer";
import { Webhook } from "standardwebhooks";
import type { NotificationSubject } from "./notification-subject";
import { renderEmail } from "./render-email";
import { renderSlackMessage } from "./render-slack-message";

/** What one attempt did: delivered, or why not and whether trying again can help. */
export interface SendResult {
  delivered: boolean;
  responseStatus: number | null;
  error: string | null;
  /** Connection errors, timeouts, 5xx and 429 are retried; other 4xx and refused URLs are not. */
  retryable: boolean;
  /** A 429/503 `Retry-After`, honoured by the retry. */
  retryAfterMs?: number;
}

export interface ChannelSenderDeps {
  request: OutboundRequest;
  /** Null when SMTP_URL is not set: email channels then fail with that reason. */
  smtp: Transporter | null;
  from: string;
}

/** A new webhook signing secret in the Standard Webhooks format. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The body a webhook channel receives: the activity entry, with its incident as it is now. */
export function webhookPayload(subject: NotificationSubject) {
  return { ...subject.activity, incident: subject.incident };
}

/** Makes one delivery attempt to a channel; never throws (its result says what happened). */
export async function sendToChannel(
  deps: ChannelSenderDeps,
  config: SealedChannelConfig,
  subject: NotificationSubject,
  deliveryId: string,
): Promise<SendResult> {
  try {
    switch (config.type) {
      case "slack":
        return await post(deps.request, config.webhookUrl, JSON.stringify(renderSlackMessage(subject)), {});
      case "webhook": {
        // Standard Webhooks: id, timestamp and body signed with the channel's secret (receivers verify with the same library).
        const body = JSON.stringify(webhookPayload(subject));
        const timestamp = new Date();
        const signature = new Webhook(config.signingSecret).sign(deliveryId, timestamp, body);
        return await post(deps.request, config.url, body, {
          "webhook-id": deliveryId,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": signature,
        });
      }
      case "email": {
        if (!deps.smtp) return { delivered: false, responseStatus: null, error: "SMTP_URL is not set", retryable: false };
        const message = renderEmail(subject);
        const info = await deps.smtp.sendMail({
          from: deps.from,
          to: config.to,
          ...message,
          headers: { "X-CauseFlow-Delivery": deliveryId },
        });
        return {
          delivered: true,
          responseStatus: Number(/^(\d{3})/.exec(info.response ?? "")?.[1] ?? 250),
          error: null,
          retryable: false,
        };
      }
    }
  } catch (error) {
    if (error instanceof UrlNotAllowed) return { delivered: false, responseStatus: null, error: error.message, retryable: false };
    const smtpCode = (error as { responseCode?: number }).responseCode;
    if (smtpCode)
      return { delivered: false, responseStatus: smtpCode, error: (error as Error).message, retryable: smtpCode < 500 };
    return { delivered: false, responseStatus: null, error: describe(error), retryable: true };
  }
}

async function post(request: OutboundRequest, url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  const res = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "CauseFlow-Notifier", ...headers },
    body,
  });
  // Only quoted in errors: a tenant's endpoint must not make the notifier read a body of any size.
  const text = await res.text(300);
  if (res.ok) return { delivered: true, responseStatus: res.status, error: null, retryable: false };
  const retryable = res.status === 429 || res.status >= 500;
  return {
    delivered: false,
    responseStatus: res.status,
    error: `HTTP ${res.status}${text ? `: ${text}` : ""}`,
    retryable,
    ...(retryable ? { retryAfterMs: retryAfter(res.header("retry-after")) } : {}),
  };
}

/** `Retry-After` as seconds or an HTTP date, in ms (undefined when absent or unreadable). */
function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The error's message, with its code (its own or its cause's) when the message does not say it. */
function describe(error: unknown): string {
  const {
    message = String(error),
    code,
    cause,
  } = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const why = code ?? cause?.code;
  if (why) return message.includes(why) ? message : `${message} (${why})`;
  return cause?.message ? `${message}: ${cause.message}` : message;
}
