import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assertUrlAllowed, createOutboundFetch, parseOutboundPolicy, UrlNotAllowed } from "../src";

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
    } else res.end(`ok ${req.method}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

const refused = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(UrlNotAllowed);

describe("the outbound client, default policy (OUTBOUND_ALLOWED_HOSTS empty)", () => {
  const fetch = createOutboundFetch({ policy: parseOutboundPolicy("") });

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
    await refused(fetch(url));
    await refused(assertUrlAllowed(url, parseOutboundPolicy("")));
  });

  it("refuses a host name that resolves to loopback, at connect time (no rebinding window)", async () => {
    await refused(fetch(`http://localhost:${port}/`));
    await refused(assertUrlAllowed(`http://localhost:${port}/`, parseOutboundPolicy("")));
    expect(hits).toEqual([]);
  });
});

describe("with OUTBOUND_ALLOWED_HOSTS", () => {
  it("reaches an allowed address or CIDR", async () => {
    for (const allowed of ["127.0.0.1", "127.0.0.0/8"]) {
      const res = await createOutboundFetch({ policy: parseOutboundPolicy(allowed) })(`http://127.0.0.1:${port}/hello`, {
        method: "POST",
        body: "x",
      });
      expect(await res.text()).toBe("ok POST");
    }
  });

  it("an allowed host name does not open its redirects to other private addresses", async () => {
    const fetch = createOutboundFetch({ policy: parseOutboundPolicy("localhost") });
    expect(await (await fetch(`http://localhost:${port}/plain`)).text()).toBe("ok GET");
    hits.length = 0;
    await refused(fetch(`http://localhost:${port}/redirect-to-ip`));
    await refused(fetch(`http://localhost:${port}/redirect-to-file`));
    expect(hits).toEqual(["/redirect-to-ip", "/redirect-to-file"]);
  });

  it("stops after a few redirects, and always has a timeout", async () => {
    const fetch = createOutboundFetch({ policy: parseOutboundPolicy("127.0.0.1"), timeoutMs: 300 });
    await refused(fetch(`http://127.0.0.1:${port}/loop`));
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow(/abort|timeout/i);
  });
});
