#!/usr/bin/env node
// `npm run docs:messages`: pictures of what a channel receives, for the README. The Slack message
// is the Block Kit CauseFlow sends (packages/notify, built), drawn the way Slack lays those blocks
// out; the email is CauseFlow's own HTML. Screenshots by Debian's Chromium through playwright-core.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { renderSlackMessage, renderEmail } = require(path.join(root, "packages/notify/dist/index.js"));

/** A critical incident whose investigation found a deploy and proposes rolling it back. */
const subject = {
  activity: {
    activityId: 42,
    tenantId: "ten_demo",
    type: "remediation.proposed",
    incidentId: "inc_01JDEMO",
    actor: { kind: "system", id: null },
    occurredAt: "2026-11-30T09:14:03.120Z",
    message: "Proposed: Roll back checkout v2.14.0 in production (awaiting approval)",
    data: {},
  },
  incident: {
    incidentId: "inc_01JDEMO",
    title: "Checkout error rate above 5%",
    severity: "critical",
    status: "awaiting_approval",
    source: "datadog",
    service: "checkout",
    environment: "production",
    duplicateCount: 3,
    url: null,
  },
  rootCause: { summary: "checkout v2.14.0 was deployed to production 4 min before the incident started", confidence: 0.9 },
  proposal: {
    title: "Roll back checkout v2.14.0 in production",
    steps: [
      "Roll back checkout in production to the version deployed before v2.14.0",
      'Confirm that "Checkout error rate above 5%" recovers',
      "Find what in v2.14.0 broke before deploying it again",
    ],
  },
  consoleUrl: "https://causeflow.example.com/incidents/inc_01JDEMO",
};

const html = (text) => text.replace(/&(?!amp;|lt;|gt;)/g, "&amp;");
/** Slack mrkdwn as Slack shows it: *bold*, line breaks (text is escaped by the renderer already). */
const mrkdwn = (text) =>
  html(text)
    .replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
    .replace(/\n/g, "<br>");

function slackHtml({ blocks }) {
  const body = blocks
    .map((block) => {
      if (block.type === "header") return `<div class="header">${html(block.text.text)}</div>`;
      if (block.type === "section" && block.fields)
        return `<div class="fields">${block.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join("")}</div>`;
      if (block.type === "section") return `<div class="section">${mrkdwn(block.text.text)}</div>`;
      if (block.type === "actions")
        return `<div class="actions">${block.elements.map((e) => `<span class="button">${html(e.text.text)}</span>`).join("")}</div>`;
      if (block.type === "context") return `<div class="context">${block.elements.map((e) => mrkdwn(e.text)).join(" ")}</div>`;
      return "";
    })
    .join("");
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font: 15px/1.47 -apple-system, "Segoe UI", Lato, "Noto Sans", Arial, sans-serif; color: #1d1c1d; }
    .message { display: flex; gap: 8px; padding: 16px 20px; width: 680px; }
    .avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; display: grid; place-items: center; font-weight: 700; }
    .name { font-weight: 900; } .app { font-size: 10px; background: #e8e8e8; color: #616061; padding: 1px 3px; border-radius: 2px; margin: 0 4px; }
    .time { color: #616061; font-size: 12px; }
    .header { font-size: 18px; font-weight: 900; margin: 6px 0 4px; }
    .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin: 8px 0; }
    .section { margin: 8px 0; }
    .button { display: inline-block; background: #007a5a; color: #fff; font-weight: 700; font-size: 13px; padding: 6px 12px; border-radius: 4px; margin: 6px 0; }
    .context { color: #616061; font-size: 12px; margin-top: 6px; }
  </style><div class="message"><div class="avatar">CF</div><div>
    <div><span class="name">CauseFlow</span><span class="app">APP</span><span class="time">9:14 AM</span></div>${body}
  </div></div>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 200 }, deviceScaleFactor: 2 });
  const shots = [
    ["docs/images/notification-slack.png", slackHtml(renderSlackMessage(subject))],
    ["docs/images/notification-email.png", renderEmail(subject).html],
  ];
  for (const [file, content] of shots) {
    await page.setContent(content);
    await page.screenshot({ path: path.join(root, file), fullPage: true });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
