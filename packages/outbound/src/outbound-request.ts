import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { checkUrlForm } from "./check-url";
import { OutboundResponse } from "./outbound-response";
import { addressRefusal, isAllowedHostName, type OutboundPolicy } from "./outbound-policy";
import { UrlNotAllowed } from "./url-not-allowed";

export interface OutboundOptions {
  policy: OutboundPolicy;
  /** Per request, the answer's body included, unless the caller's signal ends it sooner (default 10 s). */
  timeoutMs?: number;
  /** Redirects followed, each checked like the first URL (default 3). */
  maxRedirects?: number;
}

export interface OutboundInit {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Ends the request sooner than the timeout (an agent's deadline). */
  signal?: AbortSignal;
}

/** A request to a URL a tenant configured; its answer's body is read only as far as asked. */
export type OutboundRequest = (url: string | URL, init?: OutboundInit) => Promise<OutboundResponse>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The one HTTP client for URLs tenants configure (channels, agents' data sources): only http(s);
 * every address a host resolves to is checked at connect time (no DNS rebinding window); every
 * redirect is checked like the first URL; a timeout always applies, to the body too. Loopback,
 * private, link-local and metadata addresses are refused unless `OUTBOUND_ALLOWED_HOSTS` lists
 * them. Built on undici's `request` (issue 12: `fetch` cost ~4× the CPU per request here, and its
 * web streams kept the notifier's heap growing until a full collection).
 */
export function createOutboundRequest(options: OutboundOptions): OutboundRequest {
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
    const deadline = new Deadline(timeoutMs, init.signal);
    try {
      let url = checkUrlForm(String(input), policy);
      let { method = "GET", body } = init;
      for (let hop = 0; ; hop += 1) {
        const answer = await send(dispatcher, url, { method, headers: init.headers, body, signal: deadline.signal });
        const location = answer.headers.location;
        if (answer.statusCode < 300 || answer.statusCode >= 400 || typeof location !== "string")
          return new OutboundResponse(answer, () => deadline.end());
        await answer.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (hop >= maxRedirects) throw new UrlNotAllowed(`more than ${maxRedirects} redirects`);
        url = checkUrlForm(new URL(location, url).toString(), policy);
        // 303, and 301/302 after a POST, become a GET without a body (as browsers and fetch do).
        if (answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
        }
      }
    } catch (error) {
      deadline.end();
      throw error;
    }
  };
}

async function send(dispatcher: Dispatcher, url: URL, options: Omit<Dispatcher.RequestOptions, "origin" | "path">) {
  try {
    return await undiciRequest(url, { ...options, dispatcher });
  } catch (error) {
    throw surfaced(error);
  }
}

/** A refusal by the policy at connect time is surfaced as itself, however the connection wrapped it. */
function surfaced(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof UrlNotAllowed) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return error;
}

/** One timer per request, its redirects and body included, ended early by the caller's signal. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.controller.abort(this.outer?.reason);

  constructor(
    timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.end();
      this.controller.abort(new Error(`timeout: no whole answer within ${timeoutMs} ms`));
    }, timeoutMs);
    this.timer.unref();
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener("abort", this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The answer is read (or the request failed): the timer and the caller's signal are let go. */
  end(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.onAbort);
  }
}
