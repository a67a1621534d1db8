import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { addressRefusal, isAllowedHostName, type OutboundPolicy } from "./outbound-policy";
import { UrlNotAllowed } from "./url-not-allowed";

/** The URL, if its form may be requested: http or https, no credentials, an allowed host or a literal address that may be reached. */
export function checkUrlForm(text: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UrlNotAllowed(`not a URL: ${text.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UrlNotAllowed(`only http and https URLs are allowed, not ${url.protocol}`);
  if (url.username || url.password) throw new UrlNotAllowed("URLs with credentials are not allowed");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) {
    const refusal = addressRefusal(host, policy);
    if (refusal) throw new UrlNotAllowed(refusal);
  }
  return url;
}

/**
 * Checks a URL as it will be requested: its form, then every address its host resolves to. Used
 * when a URL is saved (422 url_not_allowed); requests check again at connect time and on every
 * redirect, since DNS can change.
 */
export async function assertUrlAllowed(text: string, policy: OutboundPolicy): Promise<URL> {
  const url = checkUrlForm(text, policy);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) || isAllowedHostName(host, policy)) return url;
  let addresses;
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    // Not resolvable from here yet (a service not started, split DNS): every request checks again at connect time.
    return url;
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) throw new UrlNotAllowed(`${host} resolves to ${refusal}`);
  }
  return url;
}
