import { headline, SEVERITY_BADGE, type NotificationSubject } from "./notification-subject";

/** Slack's mrkdwn treats &, < and > as markup. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A Slack incoming-webhook message (Block Kit, with `text` as the notification fallback):
 * severity, title, service, environment, status, root cause when known, the proposed fix, and a
 * button to the incident in the console.
 */
export function renderSlackMessage(subject: NotificationSubject): { text: string; blocks: unknown[] } {
  const { incident, activity, rootCause, proposal, consoleUrl } = subject;
  const blocks: unknown[] = [];
  if (incident) {
    const badge = SEVERITY_BADGE[incident.severity];
    blocks.push(
      {
        type: "header",
        text: { type: "plain_text", text: clip(`${badge.emoji} ${badge.label} · ${incident.title}`, 150), emoji: true },
      },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*Severity*\n${badge.label}` },
          { type: "mrkdwn", text: `*Status*\n${escape(incident.status)}` },
          { type: "mrkdwn", text: `*Service*\n${escape(incident.service ?? "—")}` },
          { type: "mrkdwn", text: `*Environment*\n${escape(incident.environment ?? "—")}` },
        ],
      },
    );
  }
  blocks.push({
    type: "section",
    text: { type: "mrkdwn", text: clip(`*${escape(activity.type)}* — ${escape(activity.message)}`, 3000) },
  });
  if (rootCause) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(`*Root cause* (confidence ${rootCause.confidence.toFixed(2)})\n${escape(rootCause.summary)}`, 3000),
      },
    });
  }
  if (proposal) {
    const steps = proposal.steps.map((s, i) => `${i + 1}. ${escape(s)}`).join("\n");
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: clip(`*Proposed fix, awaiting approval*: ${escape(proposal.title)}\n${steps}`, 3000) },
    });
  }
  if (consoleUrl) {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open in CauseFlow" }, url: consoleUrl, style: "primary" }],
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `${escape(incident?.source ?? "CauseFlow")} · ${activity.occurredAt} · CauseFlow` }],
  });
  return { text: headline(subject), blocks };
}
