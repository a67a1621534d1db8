import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import { checkUrlForm } from "./check-url";
import { addressRefusal, isAllowedHostName, type OutboundPolicy } from "./outbound-policy";
import { UrlNotAllowed } from "./url-not-allowed";

export interface OutboundOptions {
  policy: OutboundPolicy;
  /** Per request, unless the caller's signal ends it sooner (default 10 s). */
  timeoutMs?: number;
  /** Redirects followed, each checked like the first URL (default 3). */
  maxRedirects?: number;
}

/** What outbound requests answer: the standard fetch Response. */
export type OutboundFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The one HTTP client for URLs tenants configure (channels, agents' data sources): only http(s);
 * every address a host resolves to is checked at connect time (no DNS rebinding window); every
 * redirect is checked like the first URL; a timeout always applies. Loopback, private,
 * link-local and metadata addresses are refused unless `OUTBOUND_ALLOWED_HOSTS` lists them.
 */
export function createOutboundFetch(options: OutboundOptions): OutboundFetch {
  const { policy } = options;
  const guardedLookup = (hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!isAllowedHostName(hostname, policy)) {
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, policy);
          if (refusal) return callback(new UrlNotAllowed(`${hostname} resolves to ${refusal}`) as NodeJS.ErrnoException, []);
        }
      }
      if (lookupOptions.all) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
  const dispatcher = new Agent({ connect: { lookup: guardedLookup as never }, connections: 64 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 3;

  return async (input, init = {}) => {
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let url = checkUrlForm(String(input), policy);
    let request = { ...init, signal, redirect: "manual" as const, dispatcher };
    for (let hop = 0; ; hop += 1) {
      let response: Response;
      try {
        response = (await undiciFetch(url, request as never)) as unknown as Response;
      } catch (error) {
        throw unwrap(error);
      }
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new UrlNotAllowed(`more than ${maxRedirects} redirects`);
      url = checkUrlForm(new URL(location, url).toString(), policy);
      // 303, and 301/302 after a POST, become a GET without a body (as browsers and fetch do).
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === "POST")) {
        request = { ...request, method: "GET", body: undefined };
      }
    }
  };
}

/** fetch wraps connection errors in "fetch failed"; a refusal by the policy is surfaced as itself. */
function unwrap(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof UrlNotAllowed) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return error;
}
