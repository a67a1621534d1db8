import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eventually } from "../../../test/support/eventually";
import { assertUrlAllowed, createOutboundRequest, parseOutboundPolicy, UrlNotAllowed } from "../src";

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/redirect-to-ip") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    } else if (req.url === "/redirect-to-file") {
      res.writeHead(302, { location: "file:///etc/passwd" }).end();
    } else if (req.url === "/loop") {
      res.writeHead(302, { location: "/loop" }).end();
    } else if (req.url === "/slow") {
      setTimeout(() => res.end("late"), 2_000);
    } else if (req.url === "/drip") {
      res.writeHead(200);
      res.write("a");
      setTimeout(() => res.end("b"), 2_000);
    } else if (req.url === "/endless") {
      res.writeHead(200);
      res.write("x".repeat(1024));
      req.socket.on("close", () => hits.push("/endless closed"));
    } else if (req.url === "/big") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ pad: "x".repeat(4096) }));
    } else if (req.url === "/moved") {
      res.writeHead(302, { location: "/plain" }).end();
    } else res.end(`ok ${req.method}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

const refused = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(UrlNotAllowed);

describe("the outbound client, default policy (OUTBOUND_ALLOWED_HOSTS empty)", () => {
  const request = createOutboundRequest({ policy: parseOutboundPolicy("") });

  it.each([
    "http://127.0.0.1:9/x",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fd00:ec2::254]/",
    "http://0.0.0.0/",
    "file:///etc/passwd",
    "gopher://example.com/",
    "http://user:pass@example.com/",
  ])("refuses %s before connecting", async (url) => {
    await refused(request(url));
    await refused(assertUrlAllowed(url, parseOutboundPolicy("")));
  });

  it("refuses a host name that resolves to loopback, at connect time (no rebinding window)", async () => {
    await refused(request(`http://localhost:${port}/`));
    await refused(assertUrlAllowed(`http://localhost:${port}/`, parseOutboundPolicy("")));
    expect(hits).toEqual([]);
  });
});

describe("with OUTBOUND_ALLOWED_HOSTS", () => {
  it("reaches an allowed address or CIDR", async () => {
    for (const allowed of ["127.0.0.1", "127.0.0.0/8"]) {
      const res = await createOutboundRequest({ policy: parseOutboundPolicy(allowed) })(`http://127.0.0.1:${port}/hello`, {
        method: "POST",
        body: "x",
      });
      expect(await res.text(100)).toBe("ok POST");
    }
  });

  it("an allowed host name does not open its redirects to other private addresses", async () => {
    const request = createOutboundRequest({ policy: parseOutboundPolicy("localhost") });
    expect(await (await request(`http://localhost:${port}/plain`)).text(100)).toBe("ok GET");
    hits.length = 0;
    await refused(request(`http://localhost:${port}/redirect-to-ip`));
    await refused(request(`http://localhost:${port}/redirect-to-file`));
    expect(hits).toEqual(["/redirect-to-ip", "/redirect-to-file"]);
  });

  it("stops after a few redirects, and always has a timeout", async () => {
    const request = createOutboundRequest({ policy: parseOutboundPolicy("127.0.0.1"), timeoutMs: 300 });
    await refused(request(`http://127.0.0.1:${port}/loop`));
    await expect(request(`http://127.0.0.1:${port}/slow`)).rejects.toThrow(/abort|timeout/i);
  });

  it("the timeout covers the body, and the caller's signal ends a request sooner", async () => {
    const request = createOutboundRequest({ policy: parseOutboundPolicy("127.0.0.1"), timeoutMs: 300 });
    const dripping = await request(`http://127.0.0.1:${port}/drip`);
    expect(dripping.status).toBe(200);
    await expect(dripping.text(100)).rejects.toThrow(/timeout/i);
    const slow = createOutboundRequest({ policy: parseOutboundPolicy("127.0.0.1") });
    const caller = new AbortController();
    const pending = slow(`http://127.0.0.1:${port}/slow`, { signal: caller.signal });
    caller.abort(new Error("agent budget spent"));
    await expect(pending).rejects.toThrow("agent budget spent");
  });

  it("reads a body only as far as asked: text up to its bytes, JSON refused over its limit", async () => {
    const request = createOutboundRequest({ policy: parseOutboundPolicy("127.0.0.1") });
    expect(await (await request(`http://127.0.0.1:${port}/big`)).text(8)).toBe('{"pad":"');
    await expect((await request(`http://127.0.0.1:${port}/big`)).json(1000)).rejects.toThrow(/over 1000 bytes/);
    expect(await (await request(`http://127.0.0.1:${port}/big`)).json()).toEqual({ pad: "x".repeat(4096) });
    const moved = await request(`http://127.0.0.1:${port}/moved`, { method: "POST", body: "x" });
    expect({ status: moved.status, ok: moved.ok, body: await moved.text(100) }).toEqual({
      status: 200,
      ok: true,
      body: "ok GET",
    });
  });

  it("an answer the caller never reads is let go at the timeout: its connection closed, the caller's signal released", async () => {
    const request = createOutboundRequest({ policy: parseOutboundPolicy("127.0.0.1"), timeoutMs: 300 });
    hits.length = 0;
    const caller = new AbortController();
    const unread = await request(`http://127.0.0.1:${port}/endless`, { signal: caller.signal });
    expect(unread.status).toBe(200);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    await eventually(async () => hits.includes("/endless closed"));
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});
