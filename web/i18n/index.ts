/**
 * Messages and formatting in the chosen language (Vietnamese by default; the choice is kept in
 * localStorage). Every visible string comes from vi.ts or en.ts.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { formatDay, formatDayTime } from "../lib/dates.ts";
import { en } from "./en.ts";
import { type MessageKey, type Messages, vi } from "./vi.ts";

export { TIME_ZONE } from "../lib/dates.ts";
export type Lang = "vi" | "en";
export type { MessageKey };
export type Params = Record<string, string | number>;

const CATALOGUES: Record<Lang, Messages> = { vi, en };
const STORAGE_KEY = "presswatch.lang";

export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "vi" || stored === "en") return stored;
  } catch {
    // Storage may be blocked; Vietnamese is the default.
  }
  return "vi";
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not kept: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = CATALOGUES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Whether a dynamic key (built from data, e.g. "status." + status) exists. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** A message for a key built from data, or the fallback when there is none. */
  tOr(key: string, fallback: string, params?: Params): string;
  locale: string;
  dateTime(value: string | null | undefined): string;
  date(value: string | null | undefined): string;
  number(value: number): string;
  percent(value: number): string;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  // Days and times are put together by lib/dates.ts (dd/mm/yyyy, Vietnam time), not by the
  // browser's locale data.
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const format = (formatter: (value: string) => string, value: string | null | undefined) =>
    value ? formatter(value) : translate(lang, "time.never");
  return {
    lang,
    setLang,
    locale,
    t: (key, params) => translate(lang, key, params),
    tOr: (key, fallback, params) => (hasMessage(key) ? translate(lang, key, params) : fallback),
    dateTime: (value) => format(formatDayTime, value),
    date: (value) => format(formatDay, value),
    number: (value) => numberFormat.format(value),
    percent: (value) => percentFormat.format(value),
  };
}

export const I18nContext = createContext<I18n>(makeI18n("vi", () => {}));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
