/**
 * Fixture articles for the API tests (demo data, not real reporting): a few realistic Vietnamese
 * templates, cycled deterministically so every expected count can be computed from the index.
 * Some texts are hostile on purpose: commas and quotes, a line break, a leading "=" that a
 * spreadsheet would run as a formula.
 */
import { createHash } from "node:crypto";
import type { ArticleDoc, OutletKind, Tone } from "../../../src/model/article.ts";

interface Template {
  theme: string;
  agency: string;
  title: string;
  lead: string;
}

export const TEMPLATES: Template[] = [
  {
    theme: "tourism",
    agency: "svhttdl",
    title: "Khai mạc Lễ hội “Sâm Ngọc Linh”, huyện Tu Mơ Rông lần thứ {n}",
    lead: 'Sở Văn hóa, Thể thao và Du lịch tổ chức chuỗi sự kiện "Măng Đen – điểm hẹn mùa hoa" tại Kon Plông.',
  },
  {
    theme: "agriculture",
    agency: "snnptnt",
    title: "Nông dân Đăk Hà mở rộng vùng trồng cà phê đạt chuẩn OCOP {n} sao",
    lead: "Sở Nông nghiệp và Phát triển nông thôn hỗ trợ giống, kỹ thuật;\nngười dân liên kết với doanh nghiệp.",
  },
  {
    theme: "economy",
    agency: "skhdt",
    title: "=Kon Tum thu hút {n} dự án vào Khu kinh tế cửa khẩu quốc tế Bờ Y",
    lead: "Tổng vốn đăng ký hơn 1.200 tỷ đồng, tập trung vào logistics và chế biến nông sản.",
  },
  {
    theme: "environment",
    agency: "stnmt",
    title: "Xử lý nghiêm khai thác cát trái phép trên sông Đăk Bla",
    lead: "Người dân phản ánh tình trạng sạt lở bờ sông; chính quyền đã lập biên bản {n} trường hợp.",
  },
];

export const OUTLETS: Array<{ id: string; kind: OutletKind }> = [
  { id: "baokontum", kind: "provincial_press" },
  { id: "ttxvn", kind: "central_partner" },
  { id: "vov", kind: "central_partner" },
  { id: "dddn", kind: "economic_partner" },
  { id: "kontum-portal", kind: "portal" },
];

const TONES: Tone[] = ["positive", "neutral", "negative"];
const DISTRICTS = ["tu_mo_rong", "dak_ha", "kon_plong", "sa_thay"];

/** Article i: template i % 4, outlet i % 5, published in 2024 (Vietnam time), one per ~3.5 hours. */
export function fixtureArticle(i: number): ArticleDoc {
  const template = TEMPLATES[i % TEMPLATES.length]!;
  const outlet = OUTLETS[i % OUTLETS.length]!;
  const fill = (text: string) => text.replaceAll("{n}", String((i % 9) + 1));
  const url = `https://${outlet.id}.example.vn/bai-viet/${i}`;
  const id = createHash("sha256").update(url).digest("hex").slice(0, 32);
  // 2024-01-01 00:00 in Vietnam is 2023-12-31T17:00Z; spread over the year.
  const published = new Date(Date.UTC(2023, 11, 31, 17) + i * 12_600_000).toISOString();
  const lead = fill(template.lead);
  const title = fill(template.title);
  return {
    id,
    outlet: outlet.id,
    outlet_kind: outlet.kind,
    source: `${outlet.id}-rss`,
    url,
    canonical_url: url,
    title,
    lead,
    body: `${lead} ${title}. Dữ liệu minh họa (demo), không phải tin thật.`,
    published_at: published,
    published_raw: published,
    fetched_at: published,
    language: "vi",
    themes: [{ id: template.theme, score: 0.9 }],
    primary_theme: template.theme,
    // Every third tourism article also names the agriculture department (shared coverage).
    agencies: template.theme === "tourism" && i % 3 === 0 ? [template.agency, "snnptnt"] : [template.agency],
    places: [],
    districts: [DISTRICTS[i % DISTRICTS.length]!],
    relevance: 0.8,
    tone: { label: TONES[i % TONES.length]!, score: 0.5 },
    cluster_id: id,
    is_original: true,
    story_id: id,
    misinformation: { score: i % 50 === 0 ? 0.8 : 0.05, reasons: [] },
    content_hash: id,
    snapshot: null,
    analyzer_version: "fixture-1",
    word_count: 40 + (i % 7),
  };
}

export function fixtureArticles(count: number): ArticleDoc[] {
  return Array.from({ length: count }, (_, i) => fixtureArticle(i));
}
