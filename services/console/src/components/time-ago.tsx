import { Tooltip } from "@radix-ui/themes";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "3 minutes ago", with the exact time on hover and for assistive technology. */
export function TimeAgo({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  const date = new Date(iso);
  const diff = date.getTime() - Date.now();
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? UNITS[3]!;
  return (
    <Tooltip content={`${absolute.format(date)} (${iso})`}>
      <time dateTime={iso} title={absolute.format(date)}>
        {relative.format(Math.round(diff / ms), unit)}
      </time>
    </Tooltip>
  );
}

export function formatAbsolute(iso: string | null): string {
  return iso ? absolute.format(new Date(iso)) : "—";
}
