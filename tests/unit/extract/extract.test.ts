import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/extract/extract.ts";
import { cleanAuthor, stripSiteName } from "../../../src/extract/fields.ts";
import { readJsonLd } from "../../../src/extract/jsonld.ts";
import { detectLanguage } from "../../../src/extract/language.ts";

const PARAGRAPHS = [
  "Sáng 12/2, tại thành phố Kon Tum, Sở Văn hóa, Thể thao và Du lịch tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
  "Năm 2023, toàn tỉnh đón hơn 1,5 triệu lượt khách du lịch, tổng thu từ du lịch ước đạt 1.200 tỷ đồng, tăng 25% so với năm trước.",
  "Năm 2024, ngành đặt mục tiêu đón 1,8 triệu lượt khách, tập trung phát triển du lịch cộng đồng, du lịch sinh thái gắn với văn hóa đồng bào dân tộc thiểu số.",
];

function page(extraHead: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tiêu đề bài viết về du lịch Kon Tum - Báo Mẫu</title>${extraHead}</head><body>${body}</body></html>`;
}

const article = (inner = "") =>
  `<div class="menu"><a href="/">Trang chủ</a><a href="/a">Thời sự</a></div>
   <div class="detail"><h1>Tiêu đề bài viết về du lịch Kon Tum</h1>
   <div class="detail-content">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}${inner}</div></div>
   <div class="box-lienquan"><a href="/x">Tin khác một</a><a href="/y">Tin khác hai</a></div>`;

describe("extractArticle", () => {
  it("finds the body without selectors and drops link lists and 'Xem thêm' lines inside it", () => {
    const html = page(
      "",
      article(
        `<p><a href="/1">Tin liên quan một</a> <a href="/2">Tin liên quan hai</a></p><p>Xem thêm: <a href="/3">bài khác</a></p>`,
      ),
    );
    const result = extractArticle(html, { url: "https://bao.example/a.html" });
    expect(result.body).toBe(PARAGRAPHS.join("\n\n"));
    expect(result.title).toBe("Tiêu đề bài viết về du lịch Kon Tum");
    expect(result.method).toBe("generic");
  });

  it("takes a trailing bold byline as the author and out of the body", () => {
    const result = extractArticle(
      page("", article(`<p style="text-align:right"><strong>Bài, ảnh: Hồng Nhung</strong></p>`)),
      {
        url: "https://bao.example/a.html",
      },
    );
    expect(result.author).toBe("Hồng Nhung");
    expect(result.body.endsWith(PARAGRAPHS[2]!)).toBe(true);
  });

  it("prefers the site's selectors when given, with removals", () => {
    const html = page(
      "",
      `<div class="x">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}<p class="ad">Quảng cáo cuối bài dài dài dài dài dài dài</p></div><div class="y">Không phải bài</div>`,
    );
    const result = extractArticle(html, {
      url: "https://bao.example/a.html",
      selectors: { body: ".x", title: ".y", remove: [".ad"] },
    });
    expect(result.method).toBe("selectors");
    expect(result.body).toBe(PARAGRAPHS.join("\n\n"));
    expect(result.title).toBe("Không phải bài");
  });

  it("reads JSON-LD and Open Graph; falls back to articleBody when the page has no text", () => {
    const jsonld = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", name: "Báo Mẫu" },
        {
          "@type": ["NewsArticle"],
          headline: "Tiêu đề từ JSON-LD về Kon Tum",
          datePublished: "2024-02-12T08:30:00+07:00",
          dateModified: "2024-02-12T09:00:00+07:00",
          author: [
            { "@type": "Person", name: "A" },
            { "@type": "Person", name: "B" },
          ],
          articleSection: "Du lịch",
          articleBody: PARAGRAPHS.join("\n"),
          image: [{ url: "/anh.jpg" }],
        },
      ],
    };
    const html = page(
      `<script type="application/ld+json">${JSON.stringify(jsonld)}</script><meta property="og:description" content="Sapo của bài">`,
      `<div id="app"></div>`,
    );
    const result = extractArticle(html, { url: "https://bao.example/a.html" });
    expect(result).toMatchObject({
      title: "Tiêu đề từ JSON-LD về Kon Tum",
      lead: "Sapo của bài",
      body: PARAGRAPHS.join("\n\n"),
      author: "A, B",
      section: "Du lịch",
      published_at: "2024-02-12T01:30:00.000Z",
      published_raw: "2024-02-12T08:30:00+07:00",
      modified_at: "2024-02-12T02:00:00.000Z",
      image: "https://bao.example/anh.jpg",
      method: "jsonld",
    });
  });

  it("uses the feed's date only when the page has none, keeping the raw string", () => {
    const result = extractArticle(page("", article()), {
      url: "https://bao.example/a.html",
      hint: { publishedRaw: "Mon, 12 Feb 2024 08:30:00 +0700" },
    });
    expect(result.published_at).toBe("2024-02-12T01:30:00.000Z");
    expect(result.published_raw).toBe("Mon, 12 Feb 2024 08:30:00 +0700");
  });

  it("keeps an unreadable date as raw with published_at null", () => {
    const result = extractArticle(
      page(`<meta property="article:published_time" content="hôm kia">`, article()),
      { url: "https://bao.example/a" },
    );
    expect(result.published_at).toBeNull();
    expect(result.published_raw).toBe("hôm kia");
  });

  it("honours rel=canonical on the same site, not one pointing to another outlet", () => {
    const same = extractArticle(
      page(`<link rel="canonical" href="https://www.bao.example/a.html?utm_source=x">`, article()),
      {
        url: "https://bao.example/a.html?ref=home",
      },
    );
    expect(same.canonical_url).toBe("https://www.bao.example/a.html");
    const other = extractArticle(
      page(`<link rel="canonical" href="https://other.example/original.html">`, article()),
      {
        url: "https://bao.example/a.html?utm_medium=social",
      },
    );
    expect(other.canonical_url).toBe("https://bao.example/a.html");
  });

  it("normalises NFD text and new-style tone marks", () => {
    const html = page("", article().replace("Kon Tum</h1>", "Kon Tum hoà bình</h1>").normalize("NFD"));
    const result = extractArticle(html, { url: "https://bao.example/a" });
    expect(result.body).toBe(PARAGRAPHS.join("\n\n"));
    expect(result.title).toBe("Tiêu đề bài viết về du lịch Kon Tum hòa bình");
  });

  it("returns empty fields, not an exception, for a page without an article", () => {
    const result = extractArticle("<html><body><a href='/'>home</a></body></html>", {
      url: "https://bao.example/",
    });
    expect(result.body).toBe("");
    expect(result.method).toBe("none");
  });
});

describe("field helpers", () => {
  it("strips the site name from a document title", () => {
    expect(stripSiteName("Khai mạc lễ hội Măng Đen | Báo Kon Tum", "Báo Kon Tum")).toBe(
      "Khai mạc lễ hội Măng Đen",
    );
    expect(stripSiteName("Khai mạc Lễ hội Văn hóa - Du lịch Măng Đen năm 2024", undefined)).toBe(
      "Khai mạc Lễ hội Văn hóa - Du lịch Măng Đen năm 2024",
    );
  });

  it("cleans bylines", () => {
    expect(cleanAuthor("Bài và ảnh: Thu Hằng")).toBe("Thu Hằng");
    expect(cleanAuthor("Thu Hằng/VOV-Tây Nguyên")).toBe("Thu Hằng");
    expect(cleanAuthor("PV: Minh Châu (TTXVN)")).toBe("Minh Châu");
  });

  it("repairs invalid JSON-LD (raw newlines, trailing commas)", () => {
    const $ = load(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dòng một
dòng hai",}</script>`);
    expect(readJsonLd($)?.headline).toBe("Dòng một dòng hai");
  });

  it("detects Vietnamese even under a wrong lang attribute", () => {
    expect(detectLanguage(["en"], PARAGRAPHS.join(" "))).toBe("vi");
    expect(
      detectLanguage(
        ["en-US"],
        "The provincial people's committee met on Monday to discuss tourism in the highlands of Vietnam.",
      ),
    ).toBe("en");
    expect(detectLanguage([], "short")).toBe("und");
  });
});

describe("layouts whose class names lie", () => {
  const paragraphs = PARAGRAPHS.map((p) => `<p class="Normal">${p}</p>`).join("");

  it("keeps an article wrapped in a column called sidebar-1 (as VnExpress does)", () => {
    const html = `<html><body><div class="sidebar-1"><h1 class="title-detail">Tiêu đề bài viết về du lịch Kon Tum</h1>
      <span class="date">Thứ hai, 12/02/2024, 08:30 (GMT+7)</span><p class="description">Sapo của bài viết về du lịch Kon Tum năm 2024, đủ dài để là sapo.</p>
      <article class="fck_detail">${paragraphs}<p style="text-align:right;"><strong>Hồng Nhung</strong></p></article></div>
      <div class="sidebar-2"><h3>Xem nhiều</h3><ul><li><a href="/1">Tin một</a></li><li><a href="/2">Tin hai</a></li></ul></div></body></html>`;
    const result = extractArticle(html, { url: "https://vnexpress.example/a.html" });
    expect(result.body).toBe(PARAGRAPHS.join("\n\n"));
    expect(result).toMatchObject({
      title: "Tiêu đề bài viết về du lịch Kon Tum",
      lead: "Sapo của bài viết về du lịch Kon Tum năm 2024, đủ dài để là sapo.",
      author: "Hồng Nhung",
      published_at: "2024-02-12T01:30:00.000Z",
    });
  });

  it("ignores a body class announcing the absence of furniture (WordPress's no-sidebar)", () => {
    const html = `<html><body class="post-template no-sidebar"><div class="site-content has-sidebar">${paragraphs}</div></body></html>`;
    expect(extractArticle(html, { url: "https://blog.example/a" }).body).toBe(PARAGRAPHS.join("\n\n"));
  });
});
