/**
 * Publication dates as Vietnamese outlets write them, read by hand and never with
 * `new Date(string)`, which reads "12/02/2024" as 2 December in the machine's time zone:
 *
 *   "Thứ Hai, 12/02/2024 08:30 (GMT+7)"   "12/02/2024 - 08:30"   "08:30 12/2/2024"   "8h30, 12-2-2024"
 *   "Ngày 12 tháng 2 năm 2024"            "2 giờ trước"           "hôm qua"
 *   "Mon, 12 Feb 2024 08:30:00 +0700"     "2024-02-12T08:30:00+07:00"   "2024-02-12 08:30"
 *
 * Numeric dates are day-first. A time without an offset is Vietnam time: Asia/Ho_Chi_Minh has been
 * UTC+7 without daylight saving since 1975, so the zone is a fixed offset for any article we read.
 */

export const VIETNAM_OFFSET_MINUTES = 7 * 60;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ZONES: Record<string, number> = {
  z: 0,
  gmt: 0,
  ut: 0,
  utc: 0,
  ict: 420,
  est: -300,
  edt: -240,
  pst: -480,
  pdt: -420,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDate(parts: Parts): Date | null {
  const { year, month, day, hour, minute, second, offsetMinutes } = parts;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  return new Date(
    Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000,
  );
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? 2000 + year : year;
}

/** "+0700", "+07:00", "GMT+7", "UTC+07", "(GMT+7)", "Z", "ICT" → minutes east of UTC. */
function parseOffset(text: string): number | null {
  // A bare sign needs four digits ("+0700"): "- 5 bình luận" after a date is not a zone.
  const numeric =
    /(?:gmt|utc|ut)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b/.exec(text) ??
    /(?<![\w])([+-])(\d{2}):?(\d{2})\b/.exec(text);
  if (numeric) {
    const sign = numeric[1] === "-" ? -1 : 1;
    return sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  }
  const named = /\b(z|gmt|ut|utc|ict|est|edt|pst|pdt)\b/.exec(text);
  return named ? ZONES[named[1]!]! : null;
}

/** Hours and minutes anywhere in the text: "08:30", "8h30", "08:30:15", "8:30 PM", "8:30 CH". */
function findTime(
  text: string,
): { hour: number; minute: number; second: number; index: number; length: number } | null {
  const match = /(?<![\d/.-])(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?:\s*(am|pm|sa|ch)\b)?/.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const meridiem = match[4];
  // "SA" (sáng, morning) and "CH" (chiều, afternoon) are the Vietnamese AM/PM.
  if ((meridiem === "pm" || meridiem === "ch") && hour < 12) hour += 12;
  if ((meridiem === "am" || meridiem === "sa") && hour === 12) hour = 0;
  return {
    hour,
    minute: Number(match[2]),
    second: Number(match[3] ?? 0),
    index: match.index,
    length: match[0].length,
  };
}

function parseIso(text: string): Date | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text,
    );
  if (!match) return null;
  return toDate({
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    offsetMinutes: match[7] ? (parseOffset(match[7]) ?? VIETNAM_OFFSET_MINUTES) : VIETNAM_OFFSET_MINUTES,
  });
}

/**
 * Month names as bylines write them in English, French, German, Spanish and Italian (lower case,
 * accents kept, a 3-letter or longer prefix of the full name is enough: "sept.", "févr.", "Okt").
 */
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ["january", "janvier", "januar", "jänner", "enero", "gennaio"]],
  [2, ["february", "février", "fevrier", "februar", "feber", "febrero", "febbraio"]],
  [3, ["march", "mars", "märz", "marz", "maerz", "marzo"]],
  [4, ["april", "avril", "abril", "aprile"]],
  [5, ["may", "mai", "mayo", "maggio"]],
  [6, ["june", "juin", "juni", "junio", "giugno"]],
  [7, ["july", "juillet", "juli", "julio", "luglio"]],
  [8, ["august", "août", "aout", "agosto"]],
  [9, ["september", "septembre", "septiembre", "settembre", "setiembre"]],
  [10, ["october", "octobre", "oktober", "octubre", "ottobre"]],
  [11, ["november", "novembre", "noviembre"]],
  [12, ["december", "décembre", "decembre", "dezember", "diciembre", "dicembre"]],
];

/** The month a word names ("Juni", "juin", "Sept.", "Okt"), or null. Prefixes of 3+ letters count. */
export function monthNumber(word: string): number | null {
  const key = word.toLowerCase().replace(/\.$/, "");
  if (key.length < 3) return null;
  let found: number | null = null;
  for (const [month, names] of MONTH_NAMES) {
    if (names.some((name) => name === key || (key.length >= 3 && name.startsWith(key)))) {
      // "mar" is March in every language here, "jun"/"jul" unambiguous: the first match is right,
      // except a prefix shared by two months, which names neither.
      if (found !== null && found !== month) return null;
      found = month;
    }
  }
  return found;
}

const MONTH_WORD = "([a-zà-ÿ]{3,10}\\.?)";

/**
 * Dates spelled with a month name, day first or month first, as English, French, German,
 * Spanish and Italian bylines write them: "5 June 2024", "5. Juni 2024", "5 juin 2024",
 * "5 de junio de 2024", "June 5, 2024", "Jun. 5th 2024", with a time anywhere around it.
 */
function parseNamedMonth(text: string): Date | null {
  const dayFirst = new RegExp(
    `(?<![\\d.])(\\d{1,2})(?:\\.|er|st|nd|rd|th)?\\s+(?:de\\s+)?${MONTH_WORD}\\s*,?\\s+(?:de\\s+)?(\\d{4})(?!\\d)`,
    "i",
  ).exec(text);
  const monthFirst = new RegExp(
    `(?<![a-zà-ÿ])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
    "i",
  ).exec(text);
  // One reading of a match: which groups hold the day and the month name ("5 June 2024" or "June 5, 2024").
  const read = (match: RegExpExecArray | null, dayGroup: number, monthGroup: number) => {
    const month = match ? monthNumber(match[monthGroup]!) : null;
    if (!match || !month) return null;
    return {
      day: Number(match[dayGroup]),
      month,
      year: Number(match[3]),
      index: match.index,
      length: match[0].length,
    };
  };
  const date = read(dayFirst, 1, 2) ?? read(monthFirst, 2, 1);
  if (!date) return null;
  const rest = `${text.slice(0, date.index)} ${" ".repeat(date.length)} ${text.slice(date.index + date.length)}`;
  const time = findTime(rest.replace(/(\d{1,2})\.(\d{2})\s*uhr/, "$1:$2"));
  const zoneText = time ? rest.slice(time.index + time.length) : rest;
  return toDate({
    ...date,
    hour: time?.hour ?? 0,
    minute: time?.minute ?? 0,
    second: time?.second ?? 0,
    offsetMinutes: parseOffset(zoneText) ?? VIETNAM_OFFSET_MINUTES,
  });
}

/** RFC 822 / 1123 as in RSS: "Mon, 12 Feb 2024 08:30:00 +0700", also "12 Feb 2024 08:30 GMT". */
function parseRfc822(text: string): Date | null {
  const match =
    /(?:^|\s|,)(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/.exec(
      text,
    );
  if (!match) return null;
  return toDate({
    year: fullYear(match[3]!),
    month: MONTHS[match[2]!]!,
    day: Number(match[1]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    offsetMinutes: parseOffset(match[7] ?? "") ?? VIETNAM_OFFSET_MINUTES,
  });
}

const RELATIVE_UNITS: Array<[RegExp, number]> = [
  [/giây/, 1000],
  [/phút/, 60_000],
  [/giờ|tiếng/, 3_600_000],
  [/ngày/, 86_400_000],
  [/tuần/, 7 * 86_400_000],
];

/** "2 giờ trước", "30 phút trước", "vừa xong", "hôm qua 08:30", relative to `reference`. */
function parseRelative(text: string, reference: Date): Date | null {
  if (/^(vừa xong|vừa mới|mới đây)$/.test(text)) return new Date(reference.getTime());
  const ago = /^(\d+)\s*(giây|phút|giờ|tiếng|ngày|tuần)\s*trước$/.exec(text);
  if (ago) {
    const unit = RELATIVE_UNITS.find(([pattern]) => pattern.test(ago[2]!))![1];
    return new Date(reference.getTime() - Number(ago[1]) * unit);
  }
  const day = /^(hôm nay|hôm qua)\b/.exec(text);
  if (day) {
    // The calendar day in Vietnam at the reference instant, then the time given (or midnight).
    const local = new Date(reference.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
    const time = findTime(text);
    const today = toDate({
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: time?.hour ?? 0,
      minute: time?.minute ?? 0,
      second: time?.second ?? 0,
      offsetMinutes: VIETNAM_OFFSET_MINUTES,
    });
    return today && new Date(today.getTime() - (day[1] === "hôm qua" ? 86_400_000 : 0));
  }
  return null;
}

/** Day-first numeric or spelled-out Vietnamese dates, with a time before or after. */
function parseDayFirst(text: string): Date | null {
  let date: { year: number; month: number; day: number; index: number; length: number } | null = null;
  const spelled = /(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,)?\s*(\d{4})/.exec(text);
  const ymd = /(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/.exec(text);
  const dmy = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/.exec(text);
  if (spelled)
    date = {
      day: Number(spelled[1]),
      month: Number(spelled[2]),
      year: Number(spelled[3]),
      index: spelled.index,
      length: spelled[0].length,
    };
  else if (ymd)
    date = {
      year: Number(ymd[1]),
      month: Number(ymd[2]),
      day: Number(ymd[3]),
      index: ymd.index,
      length: ymd[0].length,
    };
  else if (dmy)
    date = {
      day: Number(dmy[1]),
      month: Number(dmy[2]),
      year: fullYear(dmy[3]!),
      index: dmy.index,
      length: dmy[0].length,
    };
  if (!date) return null;
  // The time is looked for outside the date, so "12.02" in "12.02.2024" is never read as 12:02.
  const rest = `${text.slice(0, date.index)} ${" ".repeat(date.length)} ${text.slice(date.index + date.length)}`;
  const time = findTime(rest);
  const zoneText = time ? rest.slice(time.index + time.length) : rest;
  return toDate({
    ...date,
    hour: time?.hour ?? 0,
    minute: time?.minute ?? 0,
    second: time?.second ?? 0,
    offsetMinutes:
      parseOffset(zoneText.replace(/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/g, "")) ?? VIETNAM_OFFSET_MINUTES,
  });
}

/** Lower case, NFC, weekday names and filler words removed, whitespace collapsed. */
export function cleanDateText(raw: string): string {
  return (
    raw
      .normalize("NFC")
      .toLowerCase()
      .replace(/\u00a0/g, " ")
      .replace(/\b(cập nhật|đăng lúc|đăng ngày|ngày đăng|thời gian|xuất bản)\s*:?\s*/g, " ")
      // "lúc 08:30", "ngày 12/02" but not "3 ngày trước".
      .replace(/\b(lúc|ngày)\s*:?\s*(?=\d)/g, " ")
      .replace(/(thứ\s*(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn)\s*,?/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * The instant `raw` denotes, or null when it cannot be read. `reference` anchors relative dates
 * ("2 giờ trước"): the time the page was fetched.
 */
export function parseVietnameseDate(raw: string, reference: Date = new Date()): Date | null {
  const text = cleanDateText(raw);
  if (!text) return null;
  return (
    parseIso(text) ??
    parseIso(raw.trim().toLowerCase()) ??
    parseRelative(text, reference) ??
    parseRfc822(text) ??
    parseDayFirst(text) ??
    parseNamedMonth(text)
  );
}
