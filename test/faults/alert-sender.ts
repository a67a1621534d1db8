import { createHmac } from "node:crypto";

export interface SentAlert {
  sourceAlertId: string;
  severity: string;
  /** The status the sender finally got (2xx/409: acknowledged). */
  status: number;
  attempts: number;
}

export interface SenderOptions {
  baseUrl: string;
  tenantId: string;
  apiKey: string;
  webhookSecret: string;
  concurrency: number;
}

/**
 * Sends alerts as a monitoring tool does: each is retried on connection errors and 5xx (with a
 * short backoff) until it gets an answer that acknowledges it (2xx, or 409 for a duplicate).
 */
export async function sendAlerts(
  options: SenderOptions,
  alerts: readonly { sourceAlertId: string; severity: string; service: string }[],
  onProgress?: (done: number) => void,
): Promise<SentAlert[]> {
  const results: SentAlert[] = [];
  let next = 0;
  const worker = async () => {
    while (next < alerts.length) {
      const alert = alerts[next++]!;
      const body = JSON.stringify({ title: `Fault ${alert.sourceAlertId}`, description: "fault suite", ...alert });
      const signature = `sha256=${createHmac("sha256", options.webhookSecret).update(body).digest("hex")}`;
      let attempts = 0;
      for (;;) {
        attempts += 1;
        let status = 0;
        try {
          const res = await fetch(`${options.baseUrl}/v1/webhooks/${options.tenantId}/custom`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": options.apiKey, "x-webhook-signature": signature },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 0;
        }
        if ((status >= 200 && status < 300) || status === 409) {
          results.push({ sourceAlertId: alert.sourceAlertId, severity: alert.severity, status, attempts });
          onProgress?.(results.length);
          break;
        }
        if (status >= 400 && status < 500 && status !== 429)
          throw new Error(`alert ${alert.sourceAlertId} refused with ${status}`);
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * attempts)));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}
