/**
 * Crawl benchmark, printed as tables (never run by `npm test`): `npx tsx bench/crawl.ts`
 *
 * 1. Pipeline: articles per second through discovery, fetch (robots.txt, host limits, SSRF guard,
 *    snapshots) and extraction, on the real Redis, against
 *      - the whole fixture web (hostile hosts and the Chromium-rendered outlet included; bounded by
 *        politeness: one outlet asks for a 1 s Crawl-delay), and
 *      - a bulk outlet of 400 articles with no pause asked, 8 requests at a time.
 * 2. Extraction alone over the fixture outlets' article pages (the JavaScript one excepted: without
 *    a browser it has no text for either extractor): Presswatch's generic extraction on cheerio
 *    (no per-site selectors, to be fair) against @mozilla/readability on jsdom, HTML string in,
 *    body text out. Quality is bag-of-words F1 of the body against the ground truth.
 *
 * Needs Redis at REDIS_URL and Chromium at CHROMIUM_PATH.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { pino } from "pino";
import { parseEnv, queueKeyPrefix } from "../src/config/env.ts";
import { crawlSettings } from "../src/crawl/settings.ts";
import { extractArticle } from "../src/extract/extract.ts";
import { decodeBody } from "../src/fetch/charset.ts";
import { normalizeVietnamese } from "../src/text/normalize.ts";
import { STORIES } from "../tests/fixtures/web/corpus.ts";
import { bodyHtml, bodyText, esc, isoLocal } from "../tests/fixtures/web/format.ts";
import { ALL_SITES, OUTLET_SITES, startFixtureWeb } from "../tests/fixtures/web/server.ts";
import { html, notFound, type SiteContext, type SiteDef } from "../tests/fixtures/web/site.ts";
import { crawlOnce } from "../workers/crawlOnce.ts";
import { CrawlRuntime } from "../workers/crawlRuntime.ts";

const BULK_ARTICLES = 400;

/** An outlet with many articles and no politeness constraints, to measure the pipeline itself. */
const bulk: SiteDef = {
  name: "bulk",
  outletName: "Bulk outlet",
  hostile: false,
  articles: Array.from({ length: BULK_ARTICLES }, (_, n) => ({
    story: STORIES[n % STORIES.length]!,
    path: `/bai/${n}.html`,
  })),
  handle: (ctx, url) => {
    if (url.pathname === "/sitemap.xml")
      return {
        headers: { "content-type": "application/xml" },
        body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${bulk.articles.map((a) => `<url><loc>${ctx.origin}${a.path}</loc></url>`).join("")}</urlset>`,
      };
    const article = bulk.articles.find((a) => a.path === url.pathname);
    if (!article) return notFound();
    const { story } = article;
    return html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(story.title)}</title>
<meta property="article:published_time" content="${isoLocal(story)}"></head><body>
<div class="menu"><a href="/">Trang chủ</a></div><div class="article"><h1>${esc(story.title)}</h1><div class="sapo">${esc(story.lead)}</div>
<div class="article-body">${bodyHtml(story, (text) => `<h2>${esc(text)}</h2>`).join("")}</div></div></body></html>`);
  },
  sources: (ctx) => ({
    outlet: { id: "bulk", name: "Bulk" },
    politeness: { concurrency: 8, delay: 0 },
    sources: [{ id: "bulk/sitemap", kind: "sitemap", url: `${ctx.origin}/sitemap.xml`, max_items: 1000 }],
  }),
};

async function pipeline(sites: SiteDef[], label: string) {
  const web = await startFixtureWeb({ sites });
  const root = await mkdtemp(join(tmpdir(), "presswatch-bench-"));
  await mkdir(join(root, "sources"), { recursive: true });
  await web.writeSources(join(root, "sources"));
  const prefix = `bench-${label}-${Date.now().toString(36)}`;
  const settings = {
    ...crawlSettings(parseEnv()),
    queuePrefix: queueKeyPrefix(prefix),
    sourcesDir: join(root, "sources"),
    dataDir: join(root, "data"),
    fetchLimits: { totalTimeoutMs: 4000 },
    quickRetries: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1000 },
  };
  const runtime = new CrawlRuntime(settings, pino({ level: "silent" }));
  try {
    const summary = await crawlOnce(runtime, { timeoutMs: 600_000 });
    return { label, articles: summary.analyzeJobs, seconds: summary.durationMs / 1000 };
  } finally {
    const keys = await runtime.commands.keys(`${queueKeyPrefix(prefix)}:*`);
    if (keys.length) await runtime.commands.del(...keys);
    await runtime.close();
    await web.close();
    await rm(root, { recursive: true, force: true });
  }
}

interface Page {
  url: string;
  html: string;
  truth: string;
}

async function fixturePages(): Promise<Page[]> {
  const pages: Page[] = [];
  for (const site of OUTLET_SITES.filter((s) => s.name !== "daibieu")) {
    const origin = `http://127.0.0.1:${40000 + ALL_SITES.indexOf(site)}`;
    const ctx: SiteContext = { name: site.name, origin, port: 0, originOf: () => origin };
    for (const article of site.articles) {
      const url = new URL(article.path, origin);
      const reply = await site.handle(ctx, url, {
        headers: { accept: "text/html" },
      } as unknown as IncomingMessage);
      const bytes = Buffer.isBuffer(reply?.body) ? reply.body : Buffer.from(reply?.body ?? "");
      pages.push({
        url: url.href,
        html: decodeBody(bytes, reply?.headers?.["content-type"]).text,
        truth: normalizeVietnamese(bodyText(article.story)),
      });
    }
  }
  return pages;
}

function tokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of normalizeVietnamese(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [])
    counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Bag-of-words F1 between extracted and expected text. */
export function f1(predicted: string, expected: string): number {
  const p = tokens(predicted);
  const e = tokens(expected);
  let overlap = 0;
  for (const [token, count] of p) overlap += Math.min(count, e.get(token) ?? 0);
  const pTotal = [...p.values()].reduce((a, b) => a + b, 0);
  const eTotal = [...e.values()].reduce((a, b) => a + b, 0);
  if (overlap === 0) return 0;
  const precision = overlap / pTotal;
  const recall = overlap / eTotal;
  return (2 * precision * recall) / (precision + recall);
}

const quietConsole = new VirtualConsole();

const EXTRACTORS: Record<string, (page: Page) => string> = {
  "presswatch (cheerio)": (page) => extractArticle(page.html, { url: page.url }).body,
  "readability (jsdom)": (page) => {
    const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quietConsole });
    try {
      return new Readability(dom.window.document).parse()?.textContent ?? "";
    } finally {
      dom.window.close();
    }
  },
};

function measure(pages: Page[], extract: (page: Page) => string, rounds: number) {
  for (const page of pages) extract(page); // warm-up
  const started = performance.now();
  let outputs: string[] = [];
  for (let round = 0; round < rounds; round++) outputs = pages.map(extract);
  const ms = (performance.now() - started) / (rounds * pages.length);
  const scores = outputs.map((output, i) => f1(output, pages[i]!.truth));
  return {
    msPerPage: ms,
    pagesPerSecond: 1000 / ms,
    f1: scores.reduce((a, b) => a + b, 0) / scores.length,
    minF1: Math.min(...scores),
    exact: outputs.filter((output, i) => output === pages[i]!.truth).length,
  };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

const runs = [await pipeline(ALL_SITES, "fixture-web"), await pipeline([bulk], "bulk")];
console.log("\nPipeline: discovery → fetch → extraction → analyze queue (in-process workers, real Redis)\n");
console.log(
  table(
    ["crawl", "articles", "seconds", "articles/s"],
    runs.map((run) => [
      run.label === "bulk"
        ? `bulk outlet (${BULK_ARTICLES} pages, 8 at a time, no delay)`
        : "whole fixture web (politeness-bound, hostile hosts, Chromium)",
      String(run.articles),
      run.seconds.toFixed(2),
      (run.articles / run.seconds).toFixed(1),
    ]),
  ),
);

const pages = await fixturePages();
const results = Object.entries(EXTRACTORS).map(([name, extract]) => ({
  name,
  ...measure(pages, extract, name.startsWith("presswatch") ? 20 : 5),
}));
console.log(`\nExtraction over ${pages.length} fixture article pages (HTML string in, body text out)\n`);
console.log(
  table(
    ["extractor", "pages/s", "ms/page", "body F1 (mean)", "body F1 (min)", "exact bodies"],
    results.map((r) => [
      r.name,
      r.pagesPerSecond.toFixed(0),
      r.msPerPage.toFixed(2),
      r.f1.toFixed(3),
      r.minF1.toFixed(3),
      `${r.exact}/${pages.length}`,
    ]),
  ),
);
const [ours, peer] = results as [(typeof results)[0], (typeof results)[0]];
console.log(
  `\nspeed: ${(ours.pagesPerSecond / peer.pagesPerSecond).toFixed(1)}x Readability; F1 ${ours.f1 >= peer.f1 ? "equal or better" : "WORSE"} (${ours.f1.toFixed(3)} vs ${peer.f1.toFixed(3)})`,
);
