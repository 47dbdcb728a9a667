/**
 * Days and times as the interface language writes them, never as the browser's locale would:
 * dd/mm/yyyy (and HH:mm) in Vietnam's time zone, in both languages (the office's convention; en-GB
 * writes days the same way). The parts are taken from Intl in a fixed locale and put in order
 * here, so a browser set to en-US cannot turn 02/06/2024 into 06/02/2024.
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

interface DayParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function partsOf(time: number): DayParts {
  const parts: Record<string, string> = {};
  for (const part of PARTS.formatToParts(time)) parts[part.type] = part.value;
  return {
    year: parts.year ?? "",
    month: parts.month ?? "",
    day: parts.day ?? "",
    hour: parts.hour ?? "",
    minute: parts.minute ?? "",
  };
}

/** A calendar day "2024-06-02" is taken as that day; anything else as an instant. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toTime(value: string): number | null {
  const day = DAY.exec(value);
  // A bare day is a Vietnamese calendar day: noon there is the same day in every reading.
  const time = day ? Date.parse(`${value}T12:00:00+07:00`) : Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** "02/06/2024" for an instant (in Vietnam) or a calendar day; the input itself when unreadable. */
export function formatDay(value: string): string {
  const time = toTime(value);
  if (time === null) return value;
  const { day, month, year } = partsOf(time);
  return `${day}/${month}/${year}`;
}

/** "02/06/2024 09:30", Vietnam time. */
export function formatDayTime(value: string): string {
  const time = toTime(value);
  if (time === null) return value;
  const { day, month, year, hour, minute } = partsOf(time);
  return `${day}/${month}/${year} ${hour}:${minute}`;
}

/** The calendar day "2024-06-02" an instant falls on in Vietnam. */
export function vietnamDay(value: string | number | Date): string {
  const time = typeof value === "number" ? value : new Date(value).getTime();
  const { day, month, year } = partsOf(time);
  return `${year}-${month}-${day}`;
}

/**
 * What a person typed as a day, as "2024-06-02": "2/6/2024", "02/06/2024", "2-6-2024", "2.6.2024"
 * (day first) or an ISO day. Null for anything else, including days that do not exist (31/02).
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const iso = DAY.exec(trimmed);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  let year: number;
  let month: number;
  let day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
