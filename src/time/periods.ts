/**
 * Calendar periods on plain YYYY-MM-DD dates (already in the plan's time zone). Pure arithmetic on
 * year, month and day numbers: no `new Date(string)`, no host time zone.
 */
export type Period = "day" | "week" | "month";

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

/** First day of the period containing `date`; weeks start on Monday (ISO). */
export function periodStart(date: string, period: Period): string {
  const [y, m, d] = parts(date);
  if (period === "month") return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
  const utc = Date.UTC(y, m - 1, d);
  if (period === "day") return format(utc);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday = 0
  return format(utc - weekday * 86_400_000);
}

/** `date` (a period start) moved by `count` periods. */
export function addPeriods(date: string, period: Period, count: number): string {
  const [y, m, d] = parts(date);
  if (period === "month") return format(Date.UTC(y, m - 1 + count, 1));
  return format(Date.UTC(y, m - 1, d + count * (period === "week" ? 7 : 1)));
}
