/**
 * The simulated press web's documents: an RSS 2.0 feed per outlet and one HTML page per article,
 * in the shape Vietnamese news sites commonly use (headline, sapo, body, a visible date, Open
 * Graph and NewsArticle JSON-LD). Every page and feed says plainly that it is demo data.
 */
import type { DemoOutlet } from "./outlets.ts";
import type { ScriptedArticle } from "./timeline.ts";

export const DEMO_NOTE =
  "Dữ liệu minh họa: bài viết do chương trình demo của Presswatch tạo ra, không phải tin thật của cơ quan báo chí.";

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const DAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

function parts(published: string) {
  const [date, time] = published.split(" ") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { year, month, day, time, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** "2024-06-18T09:05:00+07:00" */
export function isoLocal(published: string): string {
  return `${published.replace(" ", "T")}:00+07:00`;
}

/** "Tue, 18 Jun 2024 09:05:00 +0700" */
function rfc822(published: string): string {
  const p = parts(published);
  return `${DAYS_EN[p.weekday]}, ${String(p.day).padStart(2, "0")} ${MONTHS_EN[p.month - 1]} ${p.year} ${p.time}:00 +0700`;
}

/** "Thứ Ba, 18/06/2024 09:05 (GMT+7)" */
function vnLong(published: string): string {
  const p = parts(published);
  return `${DAYS_VI[p.weekday]}, ${String(p.day).padStart(2, "0")}/${String(p.month).padStart(2, "0")}/${p.year} ${p.time} (GMT+7)`;
}

export function articlePage(outlet: DemoOutlet, article: ScriptedArticle, url: string): string {
  const jsonld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.lead,
    datePublished: isoLocal(article.published),
    author: { "@type": "Person", name: article.author },
    publisher: { "@type": "Organization", name: outlet.name },
    articleSection: article.section,
    mainEntityOfPage: url,
  };
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>${esc(article.title)} - ${esc(outlet.name)}</title>
<link rel="canonical" href="${esc(url)}">
<meta property="og:title" content="${esc(article.title)}">
<meta property="og:type" content="article">
<meta name="description" content="${esc(article.lead)}">
<meta property="article:published_time" content="${isoLocal(article.published)}">
<meta property="article:section" content="${esc(article.section)}">
<script type="application/ld+json">${JSON.stringify(jsonld).replace(/</g, "\\u003c")}</script>
</head><body>
<header class="site-header"><a href="/" class="logo">${esc(outlet.name)}</a>
<nav><a href="/">Trang chủ</a> <a href="/">Thời sự</a> <a href="/">Kinh tế</a> <a href="/">Xã hội</a></nav></header>
<div class="demo-note" role="note">${esc(DEMO_NOTE)}</div>
<main>
<article class="detail">
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/">${esc(article.section)}</a></div>
<h1 class="detail-title">${esc(article.title)}</h1>
<time class="detail-time" datetime="${isoLocal(article.published)}">${vnLong(article.published)}</time>
<p class="detail-sapo"><strong>${esc(article.lead)}</strong></p>
<div class="detail-content">
${article.paragraphs.map((p) => `<p>${esc(p)}</p>`).join("\n")}
</div>
<p class="detail-author">${esc(article.author)}</p>
</article>
</main>
<footer><p>${esc(outlet.name)} · ${esc(DEMO_NOTE)}</p></footer>
</body></html>`;
}

export function rssFeed(
  outlet: DemoOutlet,
  origin: string,
  items: Array<{ article: ScriptedArticle; url: string }>,
): string {
  const entries = items
    .map(
      ({ article, url }) => `<item>
<title><![CDATA[${article.title}]]></title>
<link>${esc(url)}</link>
<guid isPermaLink="true">${esc(url)}</guid>
<pubDate>${rfc822(article.published)}</pubDate>
<description><![CDATA[${article.lead}]]></description>
</item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>${esc(outlet.name)} - Tin mới (dữ liệu minh họa)</title>
<link>${esc(origin)}/</link>
<description>${esc(DEMO_NOTE)}</description>
${entries}
</channel></rss>`;
}
