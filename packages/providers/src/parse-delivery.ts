import { NormalizedAlert } from "@causeflow/contracts";
import { PayloadError } from "./payload-error";
import { parseJsonLossless } from "./parse-json";
import { storableAlert, storableJson } from "./storable";
import type { ParseOutcome, ProviderDefinition } from "./types";

export interface Delivery {
  rawBody: string;
  headers: Readonly<Record<string, string>>;
  receivedAt: Date;
}

/**
 * Runs a provider's parser on a raw delivery: lossless JSON made storable (no U+0000, no unpaired
 * surrogates), then the parser, then every alert capped to storable lengths and checked against
 * the normalized shape. Throws only PayloadError.
 */
export function parseDelivery(provider: ProviderDefinition, delivery: Delivery): ParseOutcome {
  let body: unknown;
  try {
    body = storableJson(parseJsonLossless(delivery.rawBody));
  } catch (error) {
    throw PayloadError.single(provider.slug, "$", `body is not valid JSON: ${(error as Error).message}`);
  }
  let outcome: ParseOutcome;
  try {
    outcome = provider.parse({ body, rawBody: delivery.rawBody, headers: delivery.headers, receivedAt: delivery.receivedAt });
  } catch (error) {
    if (error instanceof PayloadError) throw error;
    // A parser bug must not lose the alert silently; report it as an unparseable payload.
    throw PayloadError.single(provider.slug, "$", `could not parse payload: ${(error as Error).message}`);
  }
  if (outcome.kind === "alerts") {
    const alerts = outcome.alerts.map((alert, index) => {
      const checked = NormalizedAlert.safeParse(alert);
      if (!checked.success) {
        const first = checked.error.issues[0];
        throw PayloadError.single(provider.slug, `$[${index}].${first?.path.join(".")}`, first?.message ?? "invalid");
      }
      return storableAlert(checked.data);
    });
    return { kind: "alerts", alerts };
  }
  return outcome;
}
