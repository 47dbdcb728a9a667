/**
 * An alert's texts in the reader's language (Vietnamese by default, English available), from its
 * fields: what the e-mail says and what a webhook carries beside the alert's data. Times are
 * Vietnam time. Plain text only: every value goes through `plainLine`, so nothing from a crawled
 * page reaches a mail client as markup or as a header.
 */
import type { Alert } from "../model/alert.ts";

export type Lang = "vi" | "en";
export const LANGS = ["vi", "en"] as const;

export interface TextLabels {
  themes?: Record<string, string>;
  agencies?: Record<string, string>;
  outlets?: Record<string, string>;
}

/** One line of plain text: no tags, no control characters, no runs of spaces. */
export function plainLine(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** `2024-06-06T02:30:00Z` → `06/06/2024 09:30 (giờ Việt Nam)` or `(Vietnam time)`; UTC+7 all year. */
export function vietnamTime(iso: string, lang: Lang = "vi"): string {
  const date = new Date(Date.parse(iso) + 7 * 3_600_000);
  if (Number.isNaN(date.getTime())) return plainLine(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  const zone = lang === "vi" ? "giờ Việt Nam" : "Vietnam time";
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} (${zone})`;
}

export function formatNumber(value: number, lang: Lang): string {
  const text = (Math.round(value * 10) / 10).toString();
  // Vietnamese writes a decimal comma.
  return lang === "vi" ? text.replace(".", ",") : text;
}

const T = {
  vi: {
    kind: {
      spike: "Tăng đột biến",
      rumour: "Tin đồn, thông tin sai lệch lan truyền",
      watchlist: "Chủ đề theo dõi có bài mới",
      obligation: "Nghĩa vụ có nguy cơ không hoàn thành",
    },
    measure: { negative: "bài tiêu cực", flagged: "bài có dấu hiệu thông tin sai lệch" } as Record<
      string,
      string
    >,
    dimension: { theme: "chủ đề", agency: "cơ quan", outlet_kind: "loại cơ quan báo chí" } as Record<
      string,
      string
    >,
    outletKind: {
      central_partner: "báo chí Trung ương",
      economic_partner: "báo kinh tế",
      provincial_press: "báo chí tỉnh",
      portal: "cổng thông tin",
      other: "khác",
    } as Record<string, string>,
    tone: { negative: "tiêu cực", neutral: "trung lập", positive: "tích cực" } as Record<string, string>,
    reason: {
      negative: "sắc thái tiêu cực",
      flagged: "có dấu hiệu thông tin sai lệch",
      claim: "lặp lại thông tin sai đã đăng ký",
      outside_partners: "lan ra ngoài các cơ quan báo chí đối tác",
      cusum: "tăng kéo dài so với mức nền",
      single_bucket: "tăng vọt trong một khung 15 phút",
      record: "cao nhất từ trước đến nay",
      jump: "tăng vọt so với khung 15 phút trước",
    } as Record<string, string>,
    spike: (what: string, where: string, count: number, at: string, expected: string) =>
      `Tăng đột biến ${what} (${where}): ${count} bài trong 15 phút từ ${at}, dự kiến khoảng ${expected}`,
    rumour: (outlets: number, minutes: number) =>
      `Tin lan nhanh trên ${outlets} cơ quan báo chí trong ${minutes} phút`,
    claim: (claim: string) => `Tin khớp thông tin sai đã đăng ký (${claim})`,
    headline: "Tin",
    outlets: "Cơ quan báo chí đăng tải",
    times: (first: string, latest: string) => `Bài đầu: ${first}; bài mới nhất: ${latest}`,
    themes: "Chủ đề",
    agencies: "Cơ quan liên quan",
    toneLine: (label: string, negative: number, articles: number) =>
      `Sắc thái: ${label} (${negative}/${articles} bài tiêu cực)`,
    evidence: (count: number, expected: string) => `Số bài: ${count}, mức nền khoảng ${expected}`,
    why: "Lý do",
  },
  en: {
    kind: {
      spike: "Spike",
      rumour: "Spreading rumour or false information",
      watchlist: "New article on a watched topic",
      obligation: "Obligation at risk",
    },
    measure: { negative: "negative articles", flagged: "possibly false articles" } as Record<string, string>,
    dimension: { theme: "theme", agency: "agency", outlet_kind: "outlet kind" } as Record<string, string>,
    outletKind: {
      central_partner: "central press",
      economic_partner: "economic press",
      provincial_press: "provincial press",
      portal: "portals",
      other: "other",
    } as Record<string, string>,
    tone: { negative: "negative", neutral: "neutral", positive: "positive" } as Record<string, string>,
    reason: {
      negative: "negative tone",
      flagged: "misinformation signals",
      claim: "repeats a registered false claim",
      outside_partners: "spread beyond the partner outlets",
      cusum: "a sustained rise over the baseline",
      single_bucket: "a sudden jump within one 15-minute bucket",
      record: "the most ever counted in 15 minutes",
      jump: "a sudden jump from the 15 minutes before",
    } as Record<string, string>,
    spike: (what: string, where: string, count: number, at: string, expected: string) =>
      `Spike of ${what} (${where}): ${count} articles in the 15 minutes from ${at}, about ${expected} expected`,
    rumour: (outlets: number, minutes: number) =>
      `A story spreading to ${outlets} outlets within ${minutes} minutes`,
    claim: (claim: string) => `Articles matching a registered false claim (${claim})`,
    headline: "Story",
    outlets: "Outlets that carried it",
    times: (first: string, latest: string) => `First article: ${first}; latest: ${latest}`,
    themes: "Themes",
    agencies: "Agencies",
    toneLine: (label: string, negative: number, articles: number) =>
      `Tone: ${label} (${negative} of ${articles} articles negative)`,
    evidence: (count: number, expected: string) =>
      `Articles: ${count}, against a baseline of about ${expected}`,
    why: "Why",
  },
} as const;

export function kindLabel(kind: Alert["kind"], lang: Lang): string {
  return T[lang].kind[kind] ?? kind;
}

export function named(ids: readonly string[], names: Record<string, string> | undefined): string {
  return ids.map((id) => plainLine(names?.[id] ? `${names[id]} (${id})` : id)).join(", ");
}

/** "negative articles, theme Du lịch (tourism)": what a spike counts, and where. */
export function scopeLabel(alert: Alert, labels: TextLabels, lang: Lang): string | null {
  const t = T[lang];
  const { dimension, value, measure } = alert.scope;
  if (!dimension || !value) return null;
  const valueName =
    dimension === "theme"
      ? named([value], labels.themes)
      : dimension === "agency"
        ? named([value], labels.agencies)
        : plainLine(t.outletKind[value] ?? value);
  const what = measure ? (t.measure[measure] ?? measure) : lang === "vi" ? "bài" : "articles";
  return `${what}, ${t.dimension[dimension] ?? dimension} ${valueName}`;
}

/** The alert's one-line title in `lang`; the stored title for kinds rendered from their own text. */
export function alertTitleText(alert: Alert, labels: TextLabels, lang: Lang): string {
  const t = T[lang];
  const { evidence, scope } = alert;
  if (alert.kind === "spike" && evidence.count !== undefined && evidence.expected !== undefined) {
    const where = scope.value
      ? scope.dimension === "theme"
        ? named([scope.value], labels.themes)
        : scope.dimension === "agency"
          ? named([scope.value], labels.agencies)
          : plainLine(t.outletKind[scope.value] ?? scope.value)
      : "";
    return t.spike(
      t.measure[scope.measure ?? ""] ?? scope.measure ?? "",
      where,
      evidence.count,
      vietnamTime(evidence.bucket_start ?? alert.created_at, lang),
      formatNumber(evidence.expected, lang),
    );
  }
  if (alert.kind === "rumour" && scope.claim_id) return t.claim(plainLine(scope.claim_id));
  if (alert.kind === "rumour" && evidence.outlets && evidence.window_minutes !== undefined)
    return t.rumour(evidence.outlets.length, evidence.window_minutes);
  return plainLine(alert.title);
}

/**
 * What happened, line by line: the story's headline, outlets, first and latest times, themes,
 * agencies, tone, the evidence against the baseline and why it alerted (whatever of these the
 * alert has).
 */
export function storyLines(alert: Alert, labels: TextLabels, lang: Lang): string[] {
  const t = T[lang];
  const story = alert.evidence.story;
  const lines: string[] = [];
  if (story?.headline) lines.push(`${t.headline}: “${plainLine(story.headline)}”`);
  const outlets = story?.outlets.length ? story.outlets : (alert.evidence.outlets ?? []);
  if (outlets.length) lines.push(`${t.outlets} (${outlets.length}): ${named(outlets, labels.outlets)}`);
  if (story?.first_at && story.latest_at)
    lines.push(t.times(vietnamTime(story.first_at, lang), vietnamTime(story.latest_at, lang)));
  const themes = story?.themes.length ? story.themes : alert.themes;
  if (themes.length) lines.push(`${t.themes}: ${named(themes, labels.themes)}`);
  const agencies = story?.agencies.length ? story.agencies : alert.agencies;
  if (agencies.length) lines.push(`${t.agencies}: ${named(agencies, labels.agencies)}`);
  if (story)
    lines.push(t.toneLine(t.tone[story.tone.label] ?? story.tone.label, story.tone.negative, story.articles));
  if (alert.evidence.count !== undefined && alert.evidence.expected !== undefined)
    lines.push(t.evidence(alert.evidence.count, formatNumber(alert.evidence.expected, lang)));
  const reasons = alert.evidence.reasons ?? [];
  if (reasons.length) lines.push(`${t.why}: ${reasons.map((r) => t.reason[r] ?? plainLine(r)).join(", ")}`);
  return lines;
}

/** What a webhook carries beside the alert: its texts in the rule's language. */
export function alertTexts(alert: Alert, labels: TextLabels, lang: Lang) {
  return {
    lang,
    kind: kindLabel(alert.kind, lang),
    title: alertTitleText(alert, labels, lang),
    lines: storyLines(alert, labels, lang),
  };
}
