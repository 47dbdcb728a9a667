/**
 * Calendar days in the plan's time zone, and the instants where they begin. Days are plain
 * YYYY-MM-DD strings; instants are milliseconds since the epoch. Nothing here parses free text with
 * `new Date(string)` or depends on the host's time zone: a day's start is found through
 * `Intl.DateTimeFormat`, so any IANA zone works (Asia/Ho_Chi_Minh is UTC+7 all year).
 */
import { addPeriods } from "../time/periods.ts";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall clock in `timeZone` at an instant, as numbers. */
function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (UTC+7 → 25 200 000). */
function offsetAt(instant: number, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The calendar day in `timeZone` at an instant. */
export function localDay(instant: number, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${String(c.year).padStart(4, "0")}-${pad(c.month)}-${pad(c.day)}`;
}

/** "2024-07-16 09:30" as the clock read in `timeZone` at an instant. */
export function localDateTime(instant: number, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${localDay(instant, timeZone)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** The instant a wall-clock time happens in `timeZone` (the earlier one when a clock goes back). */
export function instantOf(day: string, timeZone: string, hour = 0, minute = 0, second = 0): number {
  const [y, m, d] = dayParts(day);
  const guess = Date.UTC(y, m - 1, d, hour, minute, second);
  let instant = guess - offsetAt(guess, timeZone);
  // Once more with the offset at the first estimate: right across a daylight-saving change.
  instant = guess - offsetAt(instant, timeZone);
  return instant;
}

/** The instant a day begins in `timeZone`. */
export function dayStart(day: string, timeZone: string): number {
  return instantOf(day, timeZone);
}

/** The instant the day after `day` begins: the exclusive end of a period that ends on `day`. */
export function dayEnd(day: string, timeZone: string): number {
  return dayStart(addDays(day, 1), timeZone);
}

export function addDays(day: string, count: number): string {
  const [y, m, d] = dayParts(day);
  return new Date(Date.UTC(y, m - 1, d + count)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dayParts(from);
  const [y2, m2, d2] = dayParts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS) + 1;
}

/** The last day of the month that `day` is in. */
export function monthEnd(day: string): string {
  return addDays(addPeriods(`${day.slice(0, 7)}-01`, "month", 1), -1);
}

export function dayParts(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** "22/03/2024", the way Vietnamese documents write a day. */
export function vietnameseDay(day: string): string {
  const [y, m, d] = dayParts(day);
  return `${pad(d)}/${pad(m)}/${y}`;
}

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant from ISO text: "2024-07-16" (00:00 that day in `timeZone`), "2024-07-16T09:30" (wall
 * clock in `timeZone`), or with "Z" / "+07:00". Null for anything else, D/M/Y text included.
 */
export function parseInstant(value: string, timeZone: string): number | null {
  const match = INSTANT.exec(value.trim());
  if (!match) return null;
  const [, day = "", hh, mm, ss, zone] = match;
  try {
    dayParts(day);
  } catch {
    return null;
  }
  const [y, m, d] = dayParts(day);
  if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== day) return null;
  const [hour, minute, second] = [Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (!zone) return instantOf(day, timeZone, hour, minute, second);
  const utc = Date.UTC(y, m - 1, d, hour, minute, second);
  if (zone === "Z") return utc;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return utc - sign * offset;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
