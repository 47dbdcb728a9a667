/**
 * The articles the browser tests index (demo data, not real reporting): the synthetic set of
 * tests/helpers, with outlet and district ids mapped onto the plan's so the pages show names, and
 * one hostile article whose title, lead and body carry script and event-handler payloads.
 */
import { createHash } from "node:crypto";
import type { ArticleDoc } from "../../src/model/article.ts";
import { syntheticArticles } from "../helpers/syntheticArticles.ts";

const PLAN_OUTLET: Record<string, string> = {
  baokontum: "bao_kon_tum",
  krt: "krt",
  ttxvn: "ttxvn",
  vov: "vov",
  vietnamnet: "vietnamnet",
  dddn: "dien_dan_doanh_nghiep",
  "kontum-portal": "cong_ttdt_tinh",
};

export function e2eArticles(count: number): ArticleDoc[] {
  return syntheticArticles(count, 2024, 2024).map((article) => ({
    ...article,
    outlet: PLAN_OUTLET[article.outlet] ?? article.outlet,
    districts: article.districts.map((district) => district.replaceAll("-", "_")),
  }));
}

/** Payloads that would run if any part of the article reached the page as HTML. */
export const PAYLOAD = {
  title: `Sâm Ngọc Linh giả <script>window.__xss = "title"; alert("xss-title")</script> tràn lan`,
  lead: `Cảnh báo <img src="x" onerror="window.__xss = 'lead'; alert('xss-lead')"> mua sâm trên mạng.`,
  body: [
    `Người dân phản ánh sâm Ngọc Linh giả bán qua mạng xã hội.`,
    `<svg onload="window.__xss = 'svg'; alert('xss-svg')"></svg>`,
    `<iframe src="javascript:alert('xss-iframe')"></iframe>`,
    `<a href="javascript:alert('xss-link')" onclick="alert('xss-click')">bấm vào đây</a>`,
    `<mark>không phải điểm nhấn</mark> &lt;b&gt;đã mã hóa&lt;/b&gt;`,
  ].join("\n"),
};

export function hostileArticle(): ArticleDoc {
  const url = "https://baokontum.example.vn/bai-viet/sam-gia-xss";
  const id = createHash("sha256").update(url).digest("hex").slice(0, 32);
  const published = "2024-06-12T02:30:00.000Z";
  return {
    id,
    outlet: "bao_kon_tum",
    outlet_kind: "provincial_press",
    source: "bao-kon-tum-rss",
    url: `javascript:alert('xss-url')`,
    canonical_url: url,
    title: PAYLOAD.title,
    lead: PAYLOAD.lead,
    body: PAYLOAD.body,
    published_at: published,
    published_raw: published,
    fetched_at: published,
    language: "vi",
    // Evidence is words taken from the article: as hostile as the article itself.
    themes: [
      {
        id: "agriculture",
        score: 0.9,
        evidence: ["sâm Ngọc Linh", `<img src=x onerror="window.__xss='evidence'">`],
      },
    ],
    primary_theme: "agriculture",
    agencies: ["snnptnt"],
    places: [],
    districts: ["tu_mo_rong"],
    relevance: 0.9,
    tone: { label: "negative", score: 0.8, evidence: ["−giả", "−tràn lan"] },
    cluster_id: id,
    is_original: true,
    story_id: id,
    misinformation: {
      score: 0.85,
      reasons: [`claim <b onmouseover=alert('xss-reason')>fake-sam-ngoc-linh</b>`],
    },
    content_hash: id,
    snapshot: null,
    analyzer_version: "e2e-1",
    word_count: 42,
  };
}
