/**
 * Dates in query parameters, read as the office reads them: in Asia/Ho_Chi_Minh. A date-only value
 * (2024-03-31, or 31/03/2024 as Vietnamese write it) means that Vietnamese day and is passed on as
 * YYYY-MM-DD for the store to expand in that time zone; a date-time must carry its offset. Text is
 * taken apart by pattern and checked against the calendar; `new Date(text)` is never used on it.
 */
export type DateParse = { ok: true; value: string; dateOnly: boolean } | { ok: false; message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function parseQueryDate(text: string): DateParse {
  const value = text.trim();
  let match = ISO_DATE.exec(value);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return validDay(y, m, d)
      ? { ok: true, value, dateOnly: true }
      : { ok: false, message: `is not a calendar date: ${value}` };
  }
  match = VN_DATE.exec(value);
  if (match) {
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return validDay(y, m, d)
      ? { ok: true, value: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, dateOnly: true }
      : { ok: false, message: `is not a calendar date (day/month/year): ${value}` };
  }
  match = ISO_DATE_TIME.exec(value);
  if (match) {
    const [y, m, d, hh, mm, ss] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
    const offset = match[7]!;
    const offsetOk = offset === "Z" || (Number(offset.slice(1, 3)) <= 14 && Number(offset.slice(4, 6)) < 60);
    if (validDay(y!, m!, d!) && hh! < 24 && mm! < 60 && ss! < 60 && offsetOk) {
      return { ok: true, value, dateOnly: false };
    }
    return { ok: false, message: `is not a valid date-time: ${value}` };
  }
  return {
    ok: false,
    message:
      "must be a date (2024-03-31 or 31/03/2024) or a date-time with offset (2024-03-31T08:00:00+07:00)",
  };
}

/** The instant a parsed value starts at, for ordering checks (date-only: 00:00 in Viet Nam). */
export function startInstant(parsed: { value: string; dateOnly: boolean }): number {
  if (parsed.dateOnly) {
    const [y, m, d] = parsed.value.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d) - 7 * 3_600_000;
  }
  return Date.parse(parsed.value); // already validated ISO 8601 with an explicit offset
}

/** Today's date in Viet Nam, YYYY-MM-DD. */
export function vietnamToday(now: number = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar date a parsed value falls on in Viet Nam, YYYY-MM-DD. */
export function vietnamDate(parsed: { value: string; dateOnly: boolean }): string {
  return parsed.dateOnly ? parsed.value : vietnamToday(Date.parse(parsed.value));
}
