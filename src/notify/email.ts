/**
 * The e-mail for an alert, in Vietnamese, plain text: what happened, where it is in the plan
 * (themes and agencies by their plan names when known), when (Vietnam time), the evidence as
 * article ids and a dashboard link. No article text and no HTML: the reader opens the dashboard
 * for the evidence, and nothing from a crawled page reaches a mail client.
 */
import type { Alert } from "../model/alert.ts";
import { alertUrl } from "./payload.ts";

export interface EmailLabels {
  themes?: Record<string, string>;
  agencies?: Record<string, string>;
}

export interface EmailMessage {
  subject: string;
  text: string;
}

const KIND: Record<Alert["kind"], string> = {
  spike: "Tăng đột biến",
  rumour: "Tin đồn, thông tin sai lệch lan truyền",
  watchlist: "Chủ đề theo dõi có bài mới",
  obligation: "Nghĩa vụ có nguy cơ không hoàn thành",
};

const MEASURE: Record<string, string> = {
  negative: "bài tiêu cực",
  flagged: "bài có dấu hiệu thông tin sai lệch",
};

const DIMENSION: Record<string, string> = {
  theme: "chủ đề",
  agency: "cơ quan",
  outlet_kind: "loại cơ quan báo chí",
};

const OUTLET_KIND: Record<string, string> = {
  central_partner: "báo chí Trung ương",
  economic_partner: "báo kinh tế",
  provincial_press: "báo chí tỉnh",
  portal: "cổng thông tin",
  other: "khác",
};

/** One line of plain text: no tags, no control characters, no runs of spaces. */
export function plainLine(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** `2024-06-06T02:30:00Z` → `06/06/2024 09:30 (giờ Việt Nam)`; Vietnam keeps UTC+7 all year. */
export function vietnamTime(iso: string): string {
  const date = new Date(Date.parse(iso) + 7 * 3_600_000);
  if (Number.isNaN(date.getTime())) return plainLine(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} (giờ Việt Nam)`;
}

function named(ids: readonly string[], names: Record<string, string> | undefined): string {
  return ids.map((id) => plainLine(names?.[id] ? `${names[id]} (${id})` : id)).join(", ");
}

function scopeLabel(alert: Alert, labels: EmailLabels): string | null {
  const { dimension, value, measure } = alert.scope;
  if (!dimension || !value) return null;
  const valueName =
    dimension === "theme"
      ? named([value], labels.themes)
      : dimension === "agency"
        ? named([value], labels.agencies)
        : plainLine(OUTLET_KIND[value] ?? value);
  const what = measure ? (MEASURE[measure] ?? measure) : "bài";
  return `${what}, ${DIMENSION[dimension] ?? dimension} ${valueName}`;
}

export function alertEmail(
  alert: Alert,
  options: { rule: string; labels?: EmailLabels; dashboardUrl?: string | undefined },
): EmailMessage {
  const labels = options.labels ?? {};
  const scope = scopeLabel(alert, labels);
  const topic =
    scope ??
    (alert.themes.length > 0 ? `chủ đề ${named(alert.themes, labels.themes)}` : null) ??
    (alert.agencies.length > 0 ? `cơ quan ${named(alert.agencies, labels.agencies)}` : null);
  const subject = plainLine(`[Presswatch] Cảnh báo: ${KIND[alert.kind]}${topic ? ` — ${topic}` : ""}`);

  const evidence = alert.evidence;
  const lines = [
    "Kính gửi Quý cơ quan,",
    "",
    `Hệ thống Presswatch vừa phát hiện một cảnh báo: ${KIND[alert.kind].toLowerCase()}.`,
    "",
    `Loại cảnh báo: ${KIND[alert.kind]}`,
    ...(scope ? [`Phạm vi: ${scope}`] : []),
    ...(alert.themes.length > 0 ? [`Chủ đề: ${named(alert.themes, labels.themes)}`] : []),
    ...(alert.agencies.length > 0 ? [`Cơ quan liên quan: ${named(alert.agencies, labels.agencies)}`] : []),
    `Thời điểm phát hiện: ${vietnamTime(alert.created_at)}`,
    ...(evidence.count !== undefined
      ? [
          `Số bài trong 15 phút: ${evidence.count}${evidence.expected !== undefined ? ` (mức thường thấy: ${formatNumber(evidence.expected)})` : ""}`,
        ]
      : []),
    ...(evidence.outlets?.length ? [`Cơ quan báo chí đăng tải: ${named(evidence.outlets, undefined)}`] : []),
    ...(evidence.window_minutes !== undefined ? [`Trong khoảng: ${evidence.window_minutes} phút`] : []),
    ...(evidence.obligation ? [`Nghĩa vụ: ${plainLine(evidence.obligation)}`] : []),
    ...(evidence.outlet ? [`Cơ quan báo chí: ${plainLine(evidence.outlet)}`] : []),
    ...(evidence.period ? [`Kỳ: ${plainLine(evidence.period)}`] : []),
    ...(evidence.required !== undefined && evidence.counted !== undefined
      ? [
          `Đã có: ${evidence.counted}/${evidence.required} bài${evidence.expected_by_now !== undefined ? ` (theo tiến độ cần ${formatNumber(evidence.expected_by_now)})` : ""}`,
        ]
      : []),
    `Mô tả: ${plainLine(alert.title)}`,
    "",
    `Bài viết làm căn cứ (${evidence.article_ids.length}): ${evidence.article_ids.map(plainLine).join(", ") || "không có"}`,
    ...(options.dashboardUrl ? ["", `Xem chi tiết: ${alertUrl(options.dashboardUrl, alert.id)}`] : []),
    "",
    `Mã cảnh báo: ${plainLine(alert.id)}`,
    `Quy tắc thông báo: ${plainLine(options.rule)}`,
    "",
    "Thư này được gửi tự động từ hệ thống Presswatch, vui lòng không trả lời thư này.",
  ];
  return { subject, text: `${lines.join("\n")}\n` };
}

function formatNumber(value: number): string {
  // Vietnamese writes a decimal comma.
  return (Math.round(value * 10) / 10).toString().replace(".", ",");
}
