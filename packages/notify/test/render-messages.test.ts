import { renderEmail, renderSlackMessage, type NotificationSubject } from "../src";

const subject = (title: string): NotificationSubject => ({
  activity: {
    activityId: 7,
    tenantId: "ten_1",
    type: "remediation.proposed",
    incidentId: "inc_1",
    actor: { kind: "system", id: null },
    occurredAt: "2026-11-29T10:00:00.000Z",
    message: "Proposed: Roll back <checkout> v1.4.2 & retry",
    data: {},
  },
  incident: {
    incidentId: "inc_1",
    title,
    severity: "critical",
    status: "awaiting_approval",
    source: "datadog",
    service: "checkout",
    environment: "production",
    duplicateCount: 3,
    url: null,
  },
  rootCause: { summary: "Likely caused by the deploy of checkout v1.4.2", confidence: 0.9 },
  proposal: { title: "Roll back checkout v1.4.2", steps: ["Roll back", "Confirm <recovery>"] },
  consoleUrl: "https://causeflow.example.com/incidents/inc_1",
});

describe("Slack message", () => {
  it("escapes Slack markup, clips the header to Slack's limit, and carries the root cause, fix and link", () => {
    const message = renderSlackMessage(subject("x".repeat(300)));
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("Roll back &lt;checkout&gt; v1.4.2 &amp; retry");
    expect(text).not.toContain("<checkout>");
    expect(text).toContain("*Root cause* (confidence 0.90)");
    expect(text).toContain("2. Confirm &lt;recovery&gt;");
    expect(text).toContain('"url":"https://causeflow.example.com/incidents/inc_1"');
  });
});

describe("email", () => {
  it("has an ASCII subject, and escapes HTML", () => {
    const mail = renderEmail(subject('Disk "full" <b>'));
    expect(mail.subject).toBe('[CRITICAL] Disk "full" <b>: Proposed: Roll back <checkout> v1.4.2 & retry');
    expect(mail.html).toContain("Disk &quot;full&quot; &lt;b&gt;");
    expect(mail.html).not.toContain("<b>Disk");
    expect(mail.text).toContain("Root cause (confidence 0.90): Likely caused by the deploy of checkout v1.4.2");
    expect(mail.text).toContain("Open in CauseFlow: https://causeflow.example.com/incidents/inc_1");
  });
});
