// Bad input is normal input: documents nested deeper than any real one are refused with a specific,
// permanent ParseError (never a stack overflow, never minutes of parsing), the walks over the tree
// do not recurse, pathological but shallow input (entity bombs, huge attributes, bad dates) stays
// cheap, and the tree of an ordinary page is exactly the one cheerio builds.
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { discoverSource } from "../../../src/discover/discover.ts";
import { parseFeed } from "../../../src/discover/feed.ts";
import { parseListing } from "../../../src/discover/listing.ts";
import { parseSitemap } from "../../../src/discover/sitemap.ts";
import { checkDepth, loadDocument, MAX_DEPTH, TooDeepError } from "../../../src/extract/dom.ts";
import { extractArticle } from "../../../src/extract/extract.ts";
import { paragraphsOf } from "../../../src/extract/text.ts";
import { ParseError, retryDecision } from "../../../src/model/errors.ts";
import type { Source } from "../../../src/sources/schema.ts";
import { OUTLET_SITES } from "../../fixtures/web/server.ts";
import { recordedDocument } from "../discover/recorded.ts";

const URL_ = "https://bao.example/a.html";
const MESSAGE = `document nested deeper than ${MAX_DEPTH} elements`;

const PARAGRAPHS = [
  "Sáng 12/2, tại thành phố Kon Tum, Sở Văn hóa, Thể thao và Du lịch tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
  "Năm 2023, toàn tỉnh đón hơn 1,5 triệu lượt khách du lịch, tổng thu từ du lịch ước đạt 1.200 tỷ đồng, tăng 25% so với năm trước.",
];

function page(body: string, head = ""): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tiêu đề bài viết về du lịch Kon Tum</title>${head}</head><body>${body}</body></html>`;
}

const articleBody = `<div class="detail-content">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</div>`;

/** `inner` wrapped in `depth` unclosed (or closed) `tag` elements, as the fuzzer's deepNesting does. */
function nested(tag: string, depth: number, inner: string, close = true): string {
  return `${`<${tag}>`.repeat(depth)}${inner}${close ? `</${tag}>`.repeat(depth) : ""}`;
}

// These inputs took from seconds to minutes before the fixes: a return to that fails by the
// describe timeouts (generous, for a loaded machine); how fast they run is bench work, not a test's.

/** Calls `run`, returning what it returned or threw. */
function attempt<T>(run: () => T): { value?: T; thrown?: unknown } {
  try {
    return { value: run() };
  } catch (thrown) {
    return { thrown };
  }
}

function expectTooDeep(error: unknown, url: string): void {
  expect(error).toBeInstanceOf(TooDeepError);
  expect(error).toBeInstanceOf(ParseError);
  const parseError = error as ParseError;
  expect(parseError.kind).toBe("parse");
  expect(parseError.retryable).toBe(false);
  expect(parseError.message).toBe(MESSAGE);
  expect(parseError.url).toBe(url);
  // The job runner's one retry rule: a malformed document is never retried.
  expect(retryDecision(parseError, 1, { attempts: 5, baseDelayMs: 1, maxDelayMs: 10 })).toEqual({
    retry: false,
  });
}

const listingSource: Source = {
  id: "s",
  outletId: "o",
  outletName: "O",
  kind: "listing",
  url: "https://x.vn/thoi-su",
  selector: "a",
  intervalMs: 60_000,
  maxIntervalMs: 240_000,
  render: "http",
  enabled: true,
  example: false,
  politeness: { concurrency: 1, delay: 0 },
  allowHosts: [],
  extract: undefined,
  maxSitemaps: 5,
  maxItems: 300,
  file: "x.yaml",
};

describe("loadDocument", { timeout: 30_000 }, () => {
  it("accepts exactly MAX_DEPTH levels and refuses one more, in HTML and in XML", () => {
    // <html><body> are two of the levels.
    expect(() =>
      loadDocument(page(nested("div", MAX_DEPTH - 2, "x")), { xml: false, url: URL_ }),
    ).not.toThrow();
    const tooDeep = attempt(() =>
      loadDocument(page(nested("div", MAX_DEPTH - 1, "x")), { xml: false, url: URL_ }),
    );
    expectTooDeep(tooDeep.thrown, URL_);
    expect(() => loadDocument(nested("x", MAX_DEPTH, "x"), { xml: true, url: URL_ })).not.toThrow();
    expectTooDeep(
      attempt(() => loadDocument(nested("x", MAX_DEPTH + 1, "x"), { xml: true, url: URL_ })).thrown,
      URL_,
    );
    expectTooDeep(
      attempt(() => checkDepth(nested("x", MAX_DEPTH + 1, "x"), { xml: true, url: URL_ })).thrown,
      URL_,
    );
    expect(() => checkDepth(nested("x", MAX_DEPTH, "x"), { xml: true, url: URL_ })).not.toThrow();
  });

  it("counts what the parser nests, not tags: void elements, implied closes and many siblings are shallow", () => {
    const flat = page(
      `${"<p>para<br><img src=a.jpg>".repeat(5_000)}${"<li>x".repeat(5_000)}${"<div>x</div>".repeat(5_000)}`,
    );
    expect(() => loadDocument(flat, { xml: false, url: URL_ })).not.toThrow();
    expect(() =>
      checkDepth(`<urlset>${"<url><loc>x</loc></url>".repeat(20_000)}<x/>`, {
        xml: true,
        url: URL_,
      }),
    ).not.toThrow();
  });

  it("refuses 100,000 levels at once instead of parsing for seconds", () => {
    for (const tag of ["div", "b", "a", "table", "span"]) {
      const result = attempt(() =>
        loadDocument(page(nested(tag, 100_000, "x", false)), { xml: false, url: URL_ }),
      );
      expectTooDeep(result.thrown, URL_);
    }
  });

  it("builds the tree cheerio builds, for every page of the fixture outlets", async () => {
    const pages = OUTLET_SITES.flatMap((site) => site.articles.map((article) => ({ site, article })));
    expect(pages.length).toBeGreaterThan(30);
    for (const { site, article } of pages) {
      const { text, base } = await recordedDocument(site.name, article.path);
      const ours = loadDocument(text, { xml: false, url: base });
      const theirs = load(text, { xml: { xmlMode: false, decodeEntities: true } });
      expect(ours.html(), `${site.name} ${article.path}`).toBe(theirs.html());
    }
  });
});

describe("deeply nested article pages", { timeout: 30_000 }, () => {
  it("are refused with the specific error, quickly", () => {
    for (const depth of [MAX_DEPTH + 10, 10_000, 60_000]) {
      const html = page(nested("div", depth, articleBody, depth % 2 === 0));
      const result = attempt(() => extractArticle(html, { url: URL_ }));
      expectTooDeep(result.thrown, URL_);
    }
  });

  it("below the limit are read without recursion: the article inside 1,900 unclosed <b> is found", () => {
    const html = page(
      `<div class="menu"><a href="/">Trang chủ</a></div>${nested("b", 1_900, articleBody, false)}`,
    );
    const result = attempt(() => extractArticle(html, { url: URL_ }));
    expect(result.thrown).toBeUndefined();
    expect(result.value?.body).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("paragraphsOf walks a tree deeper than the call stack allows (built by hand, not parsed)", () => {
    const $ = load("<div><p>x</p></div>", { xml: { xmlMode: false, decodeEntities: true } });
    const root = $("div").get(0)!;
    // 200,000 levels: a recursive walk overflows at about 10,000.
    let inner = $("p").get(0)!;
    const outer = load("<span></span>", { xml: { xmlMode: false, decodeEntities: true } })("span").get(0)!;
    for (let i = 0; i < 200_000; i++) {
      const wrapper = outer.cloneNode(false);
      wrapper.children = [inner];
      inner.parent = wrapper;
      inner = wrapper;
    }
    root.children = [inner];
    inner.parent = root;
    expect(paragraphsOf([root]).map((paragraph) => paragraph.text)).toEqual(["x"]);
  });
});

describe("deeply nested discovery documents", { timeout: 30_000 }, () => {
  it("a sitemap is a parse failure (a value), not a crash", () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.vn/a</loc></url>${nested("url", 50_000, "x", false)}</urlset>`;
    const result = attempt(() => parseSitemap(xml, "https://x.vn/sitemap.xml"));
    expect(result.value?.ok).toBe(false);
    if (result.value?.ok === false) expectTooDeep(result.value.error, "https://x.vn/sitemap.xml");
  });

  it("a feed is a parse failure with the specific message", async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>https://x.vn/1</link><description>${nested("description", 20_000, "x")}</description></item></channel></rss>`;
    const parsed = await parseFeed(xml, "https://x.vn/rss");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expectTooDeep(parsed.error, "https://x.vn/rss");
  });

  it("a listing page fails the discovery run with the specific error", async () => {
    const html = page(`<a href="/a.html">A</a>${nested("div", 30_000, '<a href="/b.html">B</a>', false)}`);
    expectTooDeep(attempt(() => parseListing(html, listingSource.url, "a")).thrown, listingSource.url);
    const outcome = await discoverSource(listingSource, {
      fetch: async ({ url }) => ({
        ok: true,
        page: {
          requestedUrl: url,
          url,
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8" },
          body: Buffer.from(html),
          redirects: [],
        },
      }),
      validators: { get: async () => null, put: async () => undefined },
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expectTooDeep(outcome.error, listingSource.url);
  });
});

describe("pathological but shallow input stays cheap", { timeout: 30_000 }, () => {
  const BAD_DATES = [
    "-271821-04-20T00:00:00Z",
    "99999999999999999999",
    "x".repeat(10_000),
    "2024-03-01".repeat(500),
  ];
  const billionLaughs = Array.from({ length: 10 }, (_, n) =>
    n === 0 ? `<!ENTITY lol0 "lol">` : `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`,
  ).join("");

  it("a feed with a billion-laughs DOCTYPE, a 4 MB attribute and bad dates (fuzz input 5182)", async () => {
    const items = BAD_DATES.map(
      (date, i) =>
        `<item><title>Tin ${i}</title><link>https://x.vn/${i}.html</link><pubDate>${date}</pubDate><description>Mô tả&nbsp;&hellip;</description></item>`,
    ).join("\n");
    const huge = `<item><title class="${'"'.repeat(4_000_000)}">Tin lớn</title><link>https://x.vn/big.html</link></item>`;
    for (const body of [items, `${items}\n${huge}`]) {
      const xml = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE r [${billionLaughs}<!ENTITY ext SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&lol9;&ext;Kinh tế</title>${body}</channel></rss>`;
      const parsed = await parseFeed(xml, "https://x.vn/rss");
      // Either entries with the bad dates as raw strings, or a parse failure: never an expansion.
      if (parsed.ok) {
        expect(parsed.entries.map((entry) => entry.publishedRaw)).toEqual(BAD_DATES);
        expect(JSON.stringify(parsed).length).toBeLessThan(100_000);
      } else expect(parsed.error.kind).toBe("parse");
    }
  });

  it("an Atom feed with a 4 MB attribute on a link is read, the attribute emptied (fuzz input 2666)", async () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>A</title><link class="${"a".repeat(4_000_000)}" href="https://x.vn/a.html"/><published>${BAD_DATES[0]}</published></entry></feed>`;
    const parsed = await parseFeed(xml, "https://x.vn/atom");
    expect(parsed.ok && parsed.entries).toEqual([
      { url: "https://x.vn/a.html", title: "A", publishedRaw: BAD_DATES[0] },
    ]);
  });

  it("a page broken before <html>, 40,000 paragraphs left at the top level (fuzz input 3125)", () => {
    const html = `<!DO<!--${"<p>".repeat(40_000)}x${articleBody}`;
    const result = attempt(() => extractArticle(html, { url: URL_ }));
    expect(result.thrown).toBeUndefined();
    expect(result.value?.body).toBe(PARAGRAPHS.join("\n\n"));
  });

  it("a page with an entity bomb, a 4 MB attribute and bad dates is extracted", () => {
    const html = page(
      `<div class="detail"><h1 class="${"a".repeat(4_000_000)}">Tiêu đề bài viết về du lịch Kon Tum</h1><span class="date">${BAD_DATES[0]}</span>${articleBody.replace("<p>", `<p>${"&amp;".repeat(200_000)}`)}</div>`,
      `<meta property="article:published_time" content="${BAD_DATES[2]}"><meta style="${"&lol;".repeat(100_000)}">`,
    );
    const result = attempt(() =>
      extractArticle(html, { url: URL_, fetchedAt: new Date("2024-03-01T00:00:00Z") }),
    );
    expect(result.thrown).toBeUndefined();
    expect(result.value?.title).toBe("Tiêu đề bài viết về du lịch Kon Tum");
    expect(result.value?.published_at).toBeNull();
    expect(result.value?.body.endsWith(PARAGRAPHS[1]!)).toBe(true);
  });

  it("a sitemap with an entity bomb and a huge attribute", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [${billionLaughs}]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url data-x="${"đ".repeat(1_000_000)}"><loc>https://x.vn/a&lol9;</loc><lastmod>${BAD_DATES[1]}</lastmod></url><url><loc>https://x.vn/b${"&amp;".repeat(200_000)}</loc></url></urlset>`;
    const result = attempt(() => parseSitemap(xml, "https://x.vn/sitemap.xml"));
    expect(result.thrown).toBeUndefined();
    expect(result.value?.ok).toBe(true);
  });
});
