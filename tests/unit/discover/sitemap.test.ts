import { describe, expect, it } from "vitest";
import { newestSitemaps, parseSitemap } from "../../../src/discover/sitemap.ts";
import { recordedDocument } from "./recorded.ts";

describe("parseSitemap", () => {
  it("reads a sitemap index", async () => {
    const { text, base } = await recordedDocument("vov", "/sitemap.xml");
    const parsed = parseSitemap(text, base);
    expect(parsed.ok && parsed.kind).toBe("index");
    if (!parsed.ok || parsed.kind !== "index") return;
    expect(parsed.sitemaps.map((s) => new URL(s.url).pathname)).toEqual([
      "/sitemaps/news-1.xml",
      "/sitemaps/news-2.xml",
    ]);
  });

  it("reads a Google News sitemap with publication dates and titles", async () => {
    const { text, base } = await recordedDocument("vov", "/sitemaps/news-1.xml");
    const parsed = parseSitemap(text, base);
    expect(parsed.ok && parsed.kind).toBe("urlset");
    if (!parsed.ok || parsed.kind !== "urlset") return;
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.entries[0]?.publishedRaw).toMatch(/^2024-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/);
    expect(parsed.entries[0]?.title?.length).toBeGreaterThan(10);
  });

  it("matches elements whatever their namespace prefix, falls back to lastmod", () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://x.vn/a?utm_source=sm</loc><n:news><n:publication_date>2024-03-01T08:00:00+07:00</n:publication_date><n:title>A &amp; B</n:title></n:news></url>
      <url><loc>https://x.vn/b</loc><lastmod>2024-03-02</lastmod></url></urlset>`;
    expect(parseSitemap(xml, "https://x.vn/sitemap.xml")).toEqual({
      ok: true,
      kind: "urlset",
      entries: [
        { url: "https://x.vn/a", publishedRaw: "2024-03-01T08:00:00+07:00", title: "A & B" },
        { url: "https://x.vn/b", publishedRaw: "2024-03-02" },
      ],
    });
  });

  it("returns a parse failure for something else", () => {
    const parsed = parseSitemap("<html><body>404</body></html>", "https://x.vn/sitemap.xml");
    expect(!parsed.ok && parsed.error.kind).toBe("parse");
  });

  it("orders child sitemaps newest first", () => {
    expect(
      newestSitemaps(
        [{ url: "a", lastmod: "2024-01-01" }, { url: "b" }, { url: "c", lastmod: "2024-05-01" }],
        2,
      ).map((s) => s.url),
    ).toEqual(["c", "a"]);
  });
});
