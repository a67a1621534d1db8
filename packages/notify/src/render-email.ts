import { headline, SEVERITY_BADGE, type NotificationSubject } from "./notification-subject";

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An email: the headline as subject, the same facts as plain text and as HTML. */
export function renderEmail(subject: NotificationSubject): { subject: string; text: string; html: string } {
  const { incident, activity, rootCause, proposal, consoleUrl } = subject;
  const facts: [string, string][] = incident
    ? [
        ["Severity", SEVERITY_BADGE[incident.severity].label],
        ["Status", incident.status],
        ["Service", incident.service ?? "—"],
        ["Environment", incident.environment ?? "—"],
        ["Source", incident.source],
      ]
    : [];
  const lines = [
    activity.message,
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(rootCause ? ["", `Root cause (confidence ${rootCause.confidence.toFixed(2)}): ${rootCause.summary}`] : []),
    ...(proposal
      ? ["", `Proposed fix, awaiting approval: ${proposal.title}`, ...proposal.steps.map((s, i) => `  ${i + 1}. ${s}`)]
      : []),
    ...(consoleUrl ? ["", `Open in CauseFlow: ${consoleUrl}`] : []),
    "",
    `${activity.type} · ${activity.occurredAt}`,
  ];
  const colour = incident ? SEVERITY_BADGE[incident.severity].colour : "#475467";
  const body = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#101828">
<p style="border-left:4px solid ${colour};padding-left:8px;font-size:16px"><strong>${html(incident ? `${SEVERITY_BADGE[incident.severity].label} · ${incident.title}` : activity.message)}</strong></p>
<p>${html(activity.message)}</p>
${facts.length ? `<table cellpadding="4">${facts.map(([k, v]) => `<tr><th align="left">${html(k)}</th><td>${html(v)}</td></tr>`).join("")}</table>` : ""}
${rootCause ? `<p><strong>Root cause</strong> (confidence ${rootCause.confidence.toFixed(2)}): ${html(rootCause.summary)}</p>` : ""}
${proposal ? `<p><strong>Proposed fix, awaiting approval:</strong> ${html(proposal.title)}</p><ol>${proposal.steps.map((s) => `<li>${html(s)}</li>`).join("")}</ol>` : ""}
${consoleUrl ? `<p><a href="${html(consoleUrl)}">Open in CauseFlow</a></p>` : ""}
<p style="color:#667085;font-size:12px">${html(activity.type)} · ${html(activity.occurredAt)}</p>
</body></html>`;
  return { subject: headline(subject).slice(0, 250), text: lines.join("\n"), html: body };
}
