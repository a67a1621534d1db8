import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import request from "supertest";
import { TestStack, type TenantCredentials } from "../../../test/support/test-stack";

/**
 * The console in a real browser (the machine's Chromium, driven by Playwright) against the real
 * stack: sign in, watch an alert arrive live, open it, approve its fix, manage keys, copy a webhook
 * URL, send a test alert; no console errors, usable at 1280×800 and on a 390×844 phone.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const describeIfChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM))
  console.warn(`${CHROMIUM} is missing: the console tests are skipped (.ci/run installs Debian's chromium)`);
/** `CONSOLE_SCREENSHOTS=1 npm test` refreshes the README's pictures in docs/images. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS
  ? path.resolve(__dirname, "../../../docs/images")
  : path.join(require("node:os").tmpdir(), "causeflow-console-shots");

describeIfChromium("the console", () => {
  let stack: TestStack;
  let creds: TenantCredentials;
  let server: Server;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await TestStack.start({ label: "console" });
    creds = await stack.tenant(["ingest", "read", "write", "admin"]);
    server = await new Promise<Server>((resolve) => {
      const s = stack.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await stack?.close();
  });

  it("serves itself with caching headers, the API and Bull Board beside it", async () => {
    const index = await request(stack.app).get("/").expect(200);
    expect(index.headers["cache-control"]).toBe("no-cache");
    const asset = index.text.match(/\/assets\/[\w.-]+\.js/)![0];
    const js = await request(stack.app).get(asset).expect(200);
    expect(js.headers["cache-control"]).toContain("immutable");
    expect((await request(stack.app).get("/incidents/inc_x").expect(200)).text).toContain('<div id="root">');
    expect((await request(stack.app).get("/v1/nothing")).body.error).toBe("not_found");
  });

  it("signs in with an API key, shows how to send a first alert, then the alert live", async () => {
    await page.goto(base);
    await page.getByRole("textbox", { name: "API key" }).fill(creds.apiKey);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "No incident yet" }).waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain("cflo_");
    expect(await page.evaluate(() => document.cookie)).not.toContain("cf_session");
    await page.screenshot({ path: path.join(SHOTS, "console-empty.png") });

    await request(stack.app)
      .post("/v1/changes")
      .set("x-api-key", creds.apiKey)
      .send({
        service: "checkout",
        environment: "production",
        version: "v1.4.2",
        occurredAt: new Date(Date.now() - 120_000).toISOString(),
      })
      .expect(201);
    const fired = await stack.webhook(creds, "custom", {
      title: "Checkout error rate above 5%",
      description: "5xx on /api/checkout since 10:02",
      sourceAlertId: "console-1",
      severity: "critical",
      service: "checkout",
      environment: "production",
    });
    expect(fired.status).toBe(201);
    await stack.webhook(creds, "custom", {
      title: "Search latency p99 above 2 s",
      description: "",
      sourceAlertId: "console-2",
      severity: "medium",
      service: "search",
      environment: "production",
    });
    await stack.webhook(
      creds,
      "datadog",
      { alert_id: "dd-7", title: "Disk 91% on db-1", alert_type: "warning", tags: "service:db,env:production" },
      { sign: false },
    );
    // No reload: the activity stream brings it.
    await page.getByRole("link", { name: "Checkout error rate above 5%" }).waitFor({ timeout: 15_000 });
    await page.getByText("● Live").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "console-incidents.png") });
  });

  it("is keyboard navigable: Tab reaches an incident, Enter opens it; its fix is approved with the key as actor", async () => {
    let focused = "";
    for (let i = 0; i < 40 && focused !== "Checkout error rate above 5%"; i += 1) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? "");
    }
    expect(focused).toBe("Checkout error rate above 5%");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Checkout error rate above 5%" }).waitFor();
    const approve = page.getByRole("button", { name: "Approve" });
    await approve.waitFor({ timeout: 30_000 });
    await page.getByText("Likely caused by the deploy of checkout v1.4.2").first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "console-incident.png"), fullPage: true });
    await approve.click();
    await page.getByText(`approved by key ${creds.keyId}`).waitFor();
    await page.getByRole("list", { name: "Timeline" }).getByText("Remediation approved", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByRole("button", { name: "Acknowledge" }).waitFor({ state: "detached" });
  });

  it("copies a webhook URL and sends a test alert that shows its verdict", async () => {
    await page.getByRole("link", { name: "Integrations" }).click();
    const card = page.getByTestId("integration-custom");
    await card.getByRole("button", { name: "Copy the custom webhook URL" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `http://causeflow.test/v1/webhooks/${creds.tenantId}/custom`,
    );
    await card.getByRole("button", { name: "Send a test alert" }).click();
    await card.getByTestId("test-verdict").getByText("HTTP 201").waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, "console-integrations.png") });
  });

  it("creates a key (shown once) and revokes it", async () => {
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByLabel("Key name").fill("Grafana contact point");
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = await page.getByTestId("new-api-key").innerText();
    expect(shown).toMatch(/^cflo_/);
    expect((await request(stack.app).get("/v1/incidents").set("x-api-key", shown)).status).toBe(403);
    await page.getByRole("button", { name: "Revoke Grafana contact point" }).click();
    await page.getByTestId("key-row").filter({ hasText: "Grafana contact point" }).getByText("revoked").waitFor();
  });

  it("refuses a change without the session's CSRF token, and signing out ends the session on the server", async () => {
    const status = await page.evaluate(
      async () =>
        (
          await fetch("/v1/incidents", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ title: "x", description: "", severity: "low" }),
          })
        ).status,
    );
    expect(status).toBe(403);
    // That refusal is this test's own doing: Chromium logs it as a failed resource.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes("403 (Forbidden)")));
    const [cookie] = (await context.cookies()).filter((c) => c.name === "cf_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("textbox", { name: "API key" }).waitFor();
    expect((await request(stack.app).get("/v1/session").set("cookie", `cf_session=${cookie!.value}`)).status).toBe(204);
  });

  it("a read-only key sees no buttons it cannot use", async () => {
    const reader = await request(stack.app)
      .post(`/v1/tenants/${creds.tenantId}/api-keys`)
      .set("x-api-key", creds.apiKey)
      .send({ name: "reader", scopes: ["read"] })
      .expect(201);
    await page.getByRole("textbox", { name: "API key" }).fill(reader.body.apiKey);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("link", { name: "Checkout error rate above 5%" }).click();
    await page.getByRole("heading", { name: "Checkout error rate above 5%" }).waitFor();
    await page.getByRole("heading", { name: "Timeline" }).waitFor();
    for (const name of ["Resolve", "Assign", "Approve", "Investigate"])
      expect(await page.getByRole("button", { name }).count()).toBe(0);
    await page.getByRole("link", { name: "Silences" }).click();
    await page.getByRole("heading", { name: "Silences" }).waitFor();
    expect(await page.getByRole("button", { name: "Create silence" }).count()).toBe(0);
  });

  it("fits a 390×844 phone screen without sideways scrolling of the page", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [url, name] of [
      ["/", "console-phone-incidents.png"],
      ["/silences", "console-phone-silences.png"],
    ] as const) {
      await page.goto(`${base}${url}`);
      await page.locator("main h1").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, name) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("stays live through a storm: the list is fetched about once a second, not once an entry", async () => {
    await page.goto(`${base}/`);
    await page.getByText("● Live").waitFor();
    const fetches: number[] = [];
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname === "/v1/incidents") fetches.push(Date.now());
    };
    page.on("request", onRequest);
    const started = Date.now();
    // 120 alerts, 240 entries (created, triaged), 8 at a time; then one more, to wait for.
    const alerts = Array.from({ length: 120 }, (_, i) => i);
    for (let i = 0; i < alerts.length; i += 8)
      await Promise.all(
        alerts.slice(i, i + 8).map((n) =>
          stack.webhook(creds, "custom", {
            title: `Storm ${n}`,
            description: "",
            sourceAlertId: `storm-${n}`,
            severity: "low",
          }),
        ),
      );
    await stack.webhook(creds, "custom", { title: "After the storm", description: "", sourceAlertId: "after", severity: "low" });
    await page.getByRole("link", { name: "After the storm" }).waitFor({ timeout: 30_000 });
    page.off("request", onRequest);
    const seconds = (Date.now() - started) / 1000;
    // One fetch at the first entry, then at most one a second while entries come, and the last.
    expect(fetches.length).toBeGreaterThanOrEqual(1);
    expect(fetches.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
  });

  it("logged no console error on any page", () => {
    expect(errors).toEqual([]);
  });
});
