/**
 * The two tables Presswatch exports: articles (a search result, every page of it) and coverage
 * rows. Headers are in Vietnamese first, English in brackets, for the office and for scripts.
 */
import type { CoverageRequest, CoverageRow, SearchHit } from "../store/types.ts";
import { type Column, isoToDate } from "./columns.ts";

export const ARTICLE_COLUMNS: Column<SearchHit>[] = [
  { header: "id", value: (hit) => hit.id, width: 18 },
  {
    header: "Ngày đăng (published_at)",
    value: (hit) => isoToDate(hit.article.published_at),
    width: 17,
    numFmt: "yyyy-mm-dd hh:mm",
  },
  { header: "Cơ quan báo chí (outlet)", value: (hit) => hit.article.outlet, width: 20 },
  { header: "Loại (outlet_kind)", value: (hit) => hit.article.outlet_kind, width: 16 },
  { header: "Tiêu đề (title)", value: (hit) => hit.article.title, width: 60 },
  { header: "Sapo (lead)", value: (hit) => hit.article.lead, width: 60 },
  { header: "Đường dẫn (url)", value: (hit) => hit.article.url, width: 40 },
  { header: "Chủ đề chính (primary_theme)", value: (hit) => hit.article.primary_theme, width: 18 },
  { header: "Chủ đề (themes)", value: (hit) => hit.article.themes.map((t) => t.id).join("; "), width: 24 },
  { header: "Cơ quan (agencies)", value: (hit) => hit.article.agencies.join("; "), width: 20 },
  { header: "Huyện (districts)", value: (hit) => hit.article.districts.join("; "), width: 20 },
  { header: "Sắc thái (tone)", value: (hit) => hit.article.tone.label, width: 10 },
  { header: "Điểm sắc thái (tone_score)", value: (hit) => hit.article.tone.score, numFmt: "0.00" },
  {
    header: "Dấu hiệu sai lệch (misinformation_score)",
    value: (hit) => hit.article.misinformation?.score ?? null,
    numFmt: "0.00",
  },
  { header: "Bài gốc (is_original)", value: (hit) => hit.article.is_original, width: 10 },
  { header: "Sự kiện (story_id)", value: (hit) => hit.article.story_id, width: 18 },
  { header: "Số chữ (word_count)", value: (hit) => hit.article.word_count, width: 10 },
];

const DIMENSION_HEADERS = {
  theme: "Chủ đề (theme)",
  outlet: "Cơ quan báo chí (outlet)",
  agency: "Cơ quan (agency)",
  outlet_kind: "Loại (outlet_kind)",
} as const;

/** Period, the requested breakdown dimensions in order, then the counts. */
export function coverageColumns(by: CoverageRequest["by"]): Column<CoverageRow>[] {
  return [
    { header: "Kỳ (period)", value: (row) => row.period, width: 12 },
    ...by.map((dimension) => ({
      header: DIMENSION_HEADERS[dimension],
      value: (row: CoverageRow) => row[dimension] ?? null,
      width: 20,
    })),
    { header: "Số bài (raw)", value: (row) => row.raw },
    { header: "Số sự kiện (unique_stories)", value: (row) => row.unique_stories },
    { header: "Thị phần (share_of_voice)", value: (row) => row.share_of_voice, numFmt: "0.0%" },
    { header: "Thay đổi (change)", value: (row) => row.change },
  ];
}

/** An array as a one-page AsyncIterable, for results that arrive whole (coverage). */
export async function* onePage<R>(rows: R[]): AsyncGenerator<R[]> {
  yield rows;
}
