/**
 * Synthetic articles for store tests and benchmarks (demo data, not real reporting): realistic
 * Vietnamese headlines and leads on the plan's themes, spread over a year with a seeded random
 * generator so every run builds the same set.
 */
import { createHash } from "node:crypto";
import type { ArticleDoc, ExtractedArticle, OutletKind, Tone } from "../../src/model/article.ts";

export const OUTLETS: Array<{ id: string; kind: OutletKind }> = [
  { id: "baokontum", kind: "provincial_press" },
  { id: "krt", kind: "provincial_press" },
  { id: "ttxvn", kind: "central_partner" },
  { id: "vov", kind: "central_partner" },
  { id: "vietnamnet", kind: "central_partner" },
  { id: "dddn", kind: "economic_partner" },
  { id: "kontum-portal", kind: "portal" },
];

const TEMPLATES: Record<string, { agency: string; titles: string[]; leads: string[] }> = {
  tourism: {
    agency: "svhttdl",
    titles: [
      "Khai mạc Lễ hội Sâm Ngọc Linh lần thứ {n} tại huyện Tu Mơ Rông",
      "Măng Đen đón hơn {k} nghìn lượt du khách dịp nghỉ lễ",
      "Kon Tum quảng bá du lịch cộng đồng tại làng {village}",
    ],
    leads: [
      "Sở Văn hóa, Thể thao và Du lịch phối hợp với UBND huyện {district} tổ chức chuỗi hoạt động quảng bá điểm đến.",
      "Các homestay ở {district} kín phòng, nhà rông và cồng chiêng thu hút đông đảo du khách.",
    ],
  },
  agriculture: {
    agency: "snnptnt",
    titles: [
      "Nông dân {district} mở rộng vùng trồng sâm Ngọc Linh dưới tán rừng",
      "Thêm {n} sản phẩm OCOP của Kon Tum đạt chuẩn 4 sao",
      "Tăng cường quản lý, bảo vệ và phát triển rừng tại {district}",
    ],
    leads: [
      "Sở Nông nghiệp và Phát triển nông thôn cho biết diện tích cà phê ứng dụng công nghệ cao tiếp tục tăng.",
      "Lực lượng kiểm lâm phối hợp với người dân tuần tra, ngăn chặn phá rừng trái phép.",
    ],
  },
  economy: {
    agency: "skhdt",
    titles: [
      "Kon Tum thu hút {n} dự án đầu tư mới vào khu kinh tế cửa khẩu Bờ Y",
      "Hội nghị xúc tiến đầu tư tỉnh Kon Tum năm 2024",
      "Doanh nghiệp Lào tìm hiểu cơ hội hợp tác thương mại tại Kon Tum",
    ],
    leads: [
      "Sở Kế hoạch và Đầu tư đã cấp chủ trương đầu tư cho các dự án với tổng vốn hơn {k} tỷ đồng.",
      "Ban Quản lý Khu kinh tế tỉnh tiếp tục cải thiện môi trường đầu tư, hỗ trợ doanh nghiệp.",
    ],
  },
  environment: {
    agency: "stnmt",
    titles: [
      "Kon Tum hưởng ứng Chiến dịch Giờ Trái đất năm 2024",
      "Tuyên truyền phòng, chống rác thải nhựa tại {district}",
      "Xử lý nghiêm vi phạm trong khai thác khoáng sản tại {district}",
    ],
    leads: [
      "Sở Tài nguyên và Môi trường phát động ra quân thu gom rác thải, bảo vệ môi trường.",
      "Người dân phản ánh tình trạng khai thác cát trái phép gây sạt lở bờ sông Đăk Bla.",
    ],
  },
  government: {
    agency: "stttt",
    titles: [
      "Kon Tum đẩy mạnh chuyển đổi số trong cải cách hành chính",
      "Chủ tịch UBND tỉnh tiếp công dân định kỳ tháng {n}",
      "Nâng cao chất lượng dịch vụ công trực tuyến tại {district}",
    ],
    leads: [
      "Sở Thông tin và Truyền thông cho biết tỷ lệ hồ sơ trực tuyến toàn trình tăng mạnh.",
      "Lãnh đạo tỉnh yêu cầu các sở, ngành siết chặt kỷ cương, kỷ luật hành chính.",
    ],
  },
};

const DISTRICTS = ["kon-plong", "tu-mo-rong", "ngoc-hoi", "dak-ha", "sa-thay", "dak-glei"];
const DISTRICT_NAMES: Record<string, string> = {
  "kon-plong": "Kon Plông",
  "tu-mo-rong": "Tu Mơ Rông",
  "ngoc-hoi": "Ngọc Hồi",
  "dak-ha": "Đăk Hà",
  "sa-thay": "Sa Thầy",
  "dak-glei": "Đăk Glei",
};
const VILLAGES = ["Kon Kơ Tu", "Kon Klor", "Đăk Răng", "Plei Weh"];
const TONES: Tone[] = ["positive", "neutral", "neutral", "negative"];

/** Mulberry32: small, seeded, good enough for fixtures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticArticles(count: number, seed = 2024, year = 2024): ArticleDoc[] {
  return [...syntheticArticleStream(count, seed, year)];
}

/** The same articles one at a time, for sets too large to hold in memory (benchmarks). */
export function* syntheticArticleStream(count: number, seed = 2024, year = 2024): Generator<ArticleDoc> {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const themeIds = Object.keys(TEMPLATES);
  const yearStart = Date.UTC(year, 0, 1) - 7 * 3_600_000; // 1 January 00:00 in Vietnam
  const yearMs = 366 * 86_400_000;
  const recentFamilies: string[] = [];
  for (let i = 0; i < count; i++) {
    const theme = pick(themeIds);
    const template = TEMPLATES[theme]!;
    const district = pick(DISTRICTS);
    const fill = (text: string) =>
      text
        .replace("{n}", String(1 + Math.floor(random() * 12)))
        .replace("{k}", String(10 + Math.floor(random() * 90)))
        .replace("{district}", DISTRICT_NAMES[district]!)
        .replace("{village}", pick(VILLAGES));
    const outlet = pick(OUTLETS);
    const secondTheme = random() < 0.2 ? pick(themeIds.filter((t) => t !== theme)) : undefined;
    const title = fill(pick(template.titles));
    const lead = fill(pick(template.leads));
    const url = `https://${outlet.id}.example.vn/bai-viet/${i}`;
    const id = createHash("sha256").update(url).digest("hex").slice(0, 32);
    // Syndicated copies: about one article in eight joins the family of an earlier one.
    const family = i > 8 && random() < 0.125 ? pick(recentFamilies) : id;
    if (family === id) {
      recentFamilies.push(id);
      if (recentFamilies.length > 500) recentFamilies.shift();
    }
    const published = new Date(yearStart + Math.floor(random() * yearMs)).toISOString();
    yield {
      id,
      outlet: outlet.id,
      outlet_kind: outlet.kind,
      source: `${outlet.id}-rss`,
      url,
      canonical_url: url,
      title,
      lead,
      body: `${lead} ${title}. Dữ liệu minh họa (demo), không phải tin thật.`,
      published_at:
        published.startsWith(String(year)) || published.startsWith(String(year + 1)) ? published : null,
      published_raw: published,
      fetched_at: published,
      language: "vi",
      themes: [{ id: theme, score: 0.9 }, ...(secondTheme ? [{ id: secondTheme, score: 0.4 }] : [])],
      primary_theme: theme,
      agencies: [template.agency],
      places: [],
      districts: [district],
      relevance: 0.8,
      tone: { label: pick(TONES), score: 0.5 },
      cluster_id: family,
      is_original: family === id,
      story_id: family,
      misinformation: { score: random() < 0.05 ? 0.8 : 0.05, reasons: [] },
      content_hash: id,
      snapshot: null,
      analyzer_version: "synthetic-1",
      word_count: 40,
    };
  }
}

/** A synthetic article as collection hands it over to analysis, fetched now (demo text). */
export function asExtracted(doc: ArticleDoc): ExtractedArticle {
  return {
    id: doc.id,
    outlet_id: doc.outlet,
    source_id: doc.source,
    url: doc.url,
    canonical_url: doc.canonical_url,
    title: doc.title,
    lead: doc.lead,
    // The province named, so analysis finds the article relevant.
    body: `${doc.body} Kon Tum.`,
    published_at: doc.published_at,
    published_raw: doc.published_raw ?? null,
    language: "vi",
    fetched_at: new Date().toISOString(),
    content_hash: `${doc.id}${doc.id}`,
    snapshot: `${doc.id}${doc.id}`,
  };
}
