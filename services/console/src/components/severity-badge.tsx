import { Badge } from "@radix-ui/themes";

/** Colour, shape and word: a severity reads the same without colour vision. */
const LOOK = {
  critical: { color: "red", mark: "▲", label: "Critical" },
  high: { color: "orange", mark: "◆", label: "High" },
  medium: { color: "amber", mark: "●", label: "Medium" },
  low: { color: "blue", mark: "▼", label: "Low" },
  info: { color: "gray", mark: "○", label: "Info" },
} as const;

export function SeverityBadge({ severity }: { severity: keyof typeof LOOK }) {
  const look = LOOK[severity];
  return (
    <Badge color={look.color} variant="soft" radius="full" aria-label={`severity ${look.label}`}>
      <span aria-hidden="true">{look.mark}</span> {look.label}
    </Badge>
  );
}

const STATUS_COLOR: Record<string, "gray" | "blue" | "violet" | "amber" | "green" | "crimson" | "cyan"> = {
  open: "crimson",
  triaging: "amber",
  investigating: "violet",
  awaiting_approval: "amber",
  remediating: "cyan",
  resolved: "green",
  closed: "gray",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? "gray"} variant="outline">
      {status.replace("_", " ")}
    </Badge>
  );
}
