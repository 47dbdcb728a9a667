// discoverSource with the fetching passed in: conditional GET, sitemap indexes, failures as values.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type DiscoverDeps, discoverSource, type Validators } from "../../../src/discover/discover.ts";
import type { FetchResult } from "../../../src/fetch/http.ts";
import { HttpStatusError } from "../../../src/model/errors.ts";
import type { Source } from "../../../src/sources/schema.ts";

const source = (overrides: Partial<Source>): Source => ({
  id: "s",
  outletId: "o",
  outletName: "O",
  kind: "feed",
  url: "https://x.vn/rss",
  selector: undefined,
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
  ...overrides,
});

function fakeWeb(
  pages: Record<string, { status?: number; body?: string | Buffer; headers?: Record<string, string> }>,
) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const saved = new Map<string, Validators>();
  const deps: DiscoverDeps = {
    fetch: async ({ url, headers }): Promise<FetchResult> => {
      requests.push({ url, headers });
      const page = pages[url];
      if (!page) return { ok: false, error: new HttpStatusError(url, 404), redirects: [] };
      if (headers["if-none-match"] && headers["if-none-match"] === page.headers?.etag)
        return {
          ok: true,
          page: { requestedUrl: url, url, status: 304, headers: {}, body: Buffer.alloc(0), redirects: [] },
        };
      const body = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body ?? "");
      return {
        ok: true,
        page: {
          requestedUrl: url,
          url,
          status: page.status ?? 200,
          headers: page.headers ?? {},
          body,
          redirects: [],
        },
      };
    },
    validators: { get: async (url) => saved.get(url) ?? null, put: async (url, v) => void saved.set(url, v) },
  };
  return { deps, requests, saved };
}

const RSS = `<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://x.vn/a</link></item><item><title>B</title><link>https://x.vn/b</link></item></channel></rss>`;

describe("discoverSource", () => {
  it("sends the saved ETag the second time and treats 304 as an unchanged success", async () => {
    const { deps, requests, saved } = fakeWeb({
      "https://x.vn/rss": { body: RSS, headers: { etag: '"v1"' } },
    });
    const first = await discoverSource(source({}), deps);
    expect(first).toMatchObject({ ok: true, notModified: false });
    expect(first.ok && first.entries.map((entry) => entry.url)).toEqual(["https://x.vn/a", "https://x.vn/b"]);
    expect(saved.get("https://x.vn/rss")).toEqual({ etag: '"v1"' });
    const second = await discoverSource(source({}), deps);
    expect(requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(second).toEqual({ ok: true, entries: [], notModified: true, documents: 1 });
  });

  it("asks a listing page conditionally too, and treats its 304 as unchanged", async () => {
    const listing = source({ kind: "listing", url: "https://x.vn/tin-tuc", selector: "a.title" });
    const { deps, requests, saved } = fakeWeb({
      "https://x.vn/tin-tuc": {
        body: `<html><body><a class="title" href="/bai-1">Bài 1</a></body></html>`,
        headers: { etag: '"l1"', "content-type": "text/html; charset=utf-8" },
      },
    });
    const first = await discoverSource(listing, deps);
    expect(first.ok && first.entries.map((entry) => entry.url)).toEqual(["https://x.vn/bai-1"]);
    expect(saved.get("https://x.vn/tin-tuc")).toEqual({ etag: '"l1"' });
    const second = await discoverSource(listing, deps);
    expect(requests[1]?.headers["if-none-match"]).toBe('"l1"');
    expect(second).toEqual({ ok: true, entries: [], notModified: true, documents: 1 });
  });

  it("does not save validators of a feed that failed to parse", async () => {
    const { deps, saved } = fakeWeb({
      "https://x.vn/rss": { body: "<rss><channel>", headers: { etag: '"bad"' } },
    });
    const result = await discoverSource(source({}), deps);
    expect(!result.ok && result.error.kind).toBe("parse");
    expect(saved.size).toBe(0);
  });

  it("walks a sitemap index into gzipped children, newest first, within max_sitemaps", async () => {
    const child = (path: string) =>
      gzipSync(
        `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.vn${path}</loc></url></urlset>`,
      );
    const { deps, requests } = fakeWeb({
      "https://x.vn/sitemap.xml": {
        body: `<sitemapindex><sitemap><loc>https://x.vn/old.xml.gz</loc><lastmod>2023-01-01</lastmod></sitemap><sitemap><loc>https://x.vn/new.xml.gz</loc><lastmod>2024-06-01</lastmod></sitemap></sitemapindex>`,
      },
      "https://x.vn/new.xml.gz": { body: child("/new") },
      "https://x.vn/old.xml.gz": { body: child("/old") },
    });
    const result = await discoverSource(
      source({ kind: "sitemap", url: "https://x.vn/sitemap.xml", maxSitemaps: 1 }),
      deps,
    );
    expect(result.ok && result.entries.map((entry) => entry.url)).toEqual(["https://x.vn/new"]);
    expect(requests.map((request) => request.url)).toEqual([
      "https://x.vn/sitemap.xml",
      "https://x.vn/new.xml.gz",
    ]);
  });

  it("reads a listing page with its selector", async () => {
    const { deps } = fakeWeb({
      "https://x.vn/muc": { body: `<ul class="news"><li><a href="/a">A</a></li></ul>` },
    });
    const result = await discoverSource(
      source({ kind: "listing", url: "https://x.vn/muc", selector: ".news li" }),
      deps,
    );
    expect(result.ok && result.entries).toEqual([{ url: "https://x.vn/a", title: "A" }]);
  });

  it("returns fetch failures as values", async () => {
    const { deps } = fakeWeb({});
    const result = await discoverSource(source({}), deps);
    expect(!result.ok && result.error.kind).toBe("http_status");
  });

  it("caps the entries of one run", async () => {
    const { deps } = fakeWeb({ "https://x.vn/rss": { body: RSS } });
    const result = await discoverSource(source({ maxItems: 1 }), deps);
    expect(result.ok && result.entries).toHaveLength(1);
  });
});
