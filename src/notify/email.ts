/**
 * The e-mail for an alert, plain text, in the rule's language (Vietnamese by default, English
 * available): what happened (the story's headline, outlets, first and latest times, themes,
 * agencies, tone, the evidence against the baseline and why; text.ts), where it is in the plan
 * (plan names when known), when (Vietnam time), the evidence as article ids and a dashboard link.
 * No article text beyond the headline and no HTML: the reader opens the dashboard for the
 * evidence, and nothing from a crawled page reaches a mail client as markup.
 */
import type { Alert } from "../model/alert.ts";
import { alertUrl } from "./payload.ts";
import {
  alertTitleText,
  formatNumber,
  kindLabel,
  type Lang,
  named,
  plainLine,
  scopeLabel,
  storyLines,
  type TextLabels,
  vietnamTime,
} from "./text.ts";

export { plainLine, vietnamTime };

export type EmailLabels = TextLabels;

export interface EmailMessage {
  subject: string;
  text: string;
}

const WORDS = {
  vi: {
    subject: "Cảnh báo",
    greeting: "Kính gửi Quý cơ quan,",
    detected: (kind: string) => `Hệ thống Presswatch vừa phát hiện một cảnh báo: ${kind.toLowerCase()}.`,
    kind: "Loại cảnh báo",
    what: "Nội dung",
    scope: "Phạm vi",
    theme: "chủ đề",
    agency: "cơ quan",
    at: "Thời điểm phát hiện",
    count: (count: number, expected: string | null) =>
      `Số bài trong 15 phút: ${count}${expected !== null ? ` (mức thường thấy: ${expected})` : ""}`,
    window: (minutes: number) => `Trong khoảng: ${minutes} phút`,
    obligation: "Nghĩa vụ",
    outlet: "Cơ quan báo chí",
    period: "Kỳ",
    counted: (counted: number, required: number, pace: string | null) =>
      `Đã có: ${counted}/${required} bài${pace !== null ? ` (theo tiến độ cần ${pace})` : ""}`,
    description: "Mô tả",
    evidence: (n: number, ids: string) => `Bài viết làm căn cứ (${n}): ${ids || "không có"}`,
    link: "Xem chi tiết",
    id: "Mã cảnh báo",
    rule: "Quy tắc thông báo",
    footer: "Thư này được gửi tự động từ hệ thống Presswatch, vui lòng không trả lời thư này.",
  },
  en: {
    subject: "Alert",
    greeting: "Dear colleagues,",
    detected: (kind: string) => `Presswatch has raised an alert: ${kind.toLowerCase()}.`,
    kind: "Kind",
    what: "What",
    scope: "Scope",
    theme: "theme",
    agency: "agency",
    at: "Raised at",
    count: (count: number, expected: string | null) =>
      `Articles in 15 minutes: ${count}${expected !== null ? ` (usually: ${expected})` : ""}`,
    window: (minutes: number) => `Within: ${minutes} minutes`,
    obligation: "Obligation",
    outlet: "Outlet",
    period: "Period",
    counted: (counted: number, required: number, pace: string | null) =>
      `So far: ${counted}/${required} articles${pace !== null ? ` (${pace} expected by now)` : ""}`,
    description: "Description",
    evidence: (n: number, ids: string) => `Evidence articles (${n}): ${ids || "none"}`,
    link: "Details",
    id: "Alert id",
    rule: "Notification rule",
    footer: "This message was sent automatically by Presswatch; please do not reply.",
  },
} as const;

export function alertEmail(
  alert: Alert,
  options: { rule: string; labels?: EmailLabels; dashboardUrl?: string | undefined; lang?: Lang },
): EmailMessage {
  const lang = options.lang ?? "vi";
  const w = WORDS[lang];
  const labels = options.labels ?? {};
  const scope = scopeLabel(alert, labels, lang);
  const kind = kindLabel(alert.kind, lang);
  const topic =
    scope ??
    (alert.themes.length > 0 ? `${w.theme} ${named(alert.themes, labels.themes)}` : null) ??
    (alert.agencies.length > 0 ? `${w.agency} ${named(alert.agencies, labels.agencies)}` : null);
  const headline = alert.evidence.story?.headline;
  const subject = plainLine(
    `[Presswatch] ${w.subject}: ${kind}${headline ? ` — “${plainLine(headline)}”` : topic ? ` — ${topic}` : ""}`,
  );

  const evidence = alert.evidence;
  const rendered = alert.kind === "spike" || alert.kind === "rumour";
  const lines = [
    w.greeting,
    "",
    w.detected(kind),
    "",
    `${w.kind}: ${kind}`,
    ...(rendered ? [`${w.what}: ${alertTitleText(alert, labels, lang)}`] : []),
    ...storyLines(alert, labels, lang),
    ...(scope ? [`${w.scope}: ${scope}`] : []),
    `${w.at}: ${vietnamTime(alert.created_at, lang)}`,
    ...(evidence.count !== undefined
      ? [
          w.count(
            evidence.count,
            evidence.expected !== undefined ? formatNumber(evidence.expected, lang) : null,
          ),
        ]
      : []),
    ...(evidence.window_minutes !== undefined ? [w.window(evidence.window_minutes)] : []),
    ...(evidence.obligation ? [`${w.obligation}: ${plainLine(evidence.obligation)}`] : []),
    ...(evidence.outlet ? [`${w.outlet}: ${plainLine(evidence.outlet)}`] : []),
    ...(evidence.period ? [`${w.period}: ${plainLine(evidence.period)}`] : []),
    ...(evidence.required !== undefined && evidence.counted !== undefined
      ? [
          w.counted(
            evidence.counted,
            evidence.required,
            evidence.expected_by_now !== undefined ? formatNumber(evidence.expected_by_now, lang) : null,
          ),
        ]
      : []),
    // Watchlist and obligation alerts carry their own text (a watchlist's name, the obligation).
    ...(rendered ? [] : [`${w.description}: ${plainLine(alert.title)}`]),
    "",
    w.evidence(evidence.article_ids.length, evidence.article_ids.map(plainLine).join(", ")),
    ...(options.dashboardUrl ? ["", `${w.link}: ${alertUrl(options.dashboardUrl, alert.id)}`] : []),
    "",
    `${w.id}: ${plainLine(alert.id)}`,
    `${w.rule}: ${plainLine(options.rule)}`,
    "",
    w.footer,
  ];
  return { subject, text: `${lines.join("\n")}\n` };
}
