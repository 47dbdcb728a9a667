// A whole crawl of the fixture web in this process, on the real Redis and the real Chromium:
// every article collected once and right, every hostile host an error on its source, and the
// crawl of the others unaffected. A second crawl then shows conditional GETs and the seen set.
import { access } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtractedArticle } from "../../../src/model/article.ts";
import { articleId } from "../../../src/queue/contract.ts";
import { crawlOnce, type OnceSummary } from "../../../workers/crawlOnce.ts";
import type { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { type Harness, startHarness } from "./harness.ts";

let harness: Harness;
let runtime: CrawlRuntime;
let first: OnceSummary;
let articles: ExtractedArticle[];

beforeAll(async () => {
  harness = await startHarness("collect");
  runtime = harness.runtime();
  first = await crawlOnce(runtime, { timeoutMs: 120_000 });
  articles = await harness.analyzed();
}, 180_000);

afterAll(async () => {
  await harness?.cleanup();
});

const health = (id: string) => first.sources.find((source) => source.source_id === id);

describe("collecting the fixture web", () => {
  it("collects every article exactly once", async () => {
    const { truth } = harness.web;
    // The ground truth is also served over HTTP for tools outside the test process.
    const served = (await (await fetch(`${harness.web.control.origin}/truth.json`)).json()) as unknown[];
    expect(served).toHaveLength(truth.length);
    expect(truth.length).toBeGreaterThanOrEqual(40);
    const byUrl = new Map<string, number>();
    for (const article of articles)
      byUrl.set(article.canonical_url, (byUrl.get(article.canonical_url) ?? 0) + 1);
    expect([...byUrl.keys()].sort()).toEqual(truth.map((t) => t.url).sort());
    expect([...byUrl.values()].every((count) => count === 1)).toBe(true);
    expect(articles.map((article) => article.id).sort()).toEqual(truth.map((t) => articleId(t.url)).sort());
  });

  it("gets title, body and publication time exactly right for at least 99% of them", () => {
    const byUrl = new Map(articles.map((article) => [article.canonical_url, article]));
    const wrong = harness.web.truth.filter((t) => {
      const article = byUrl.get(t.url);
      return (
        !article ||
        article.title !== t.title ||
        article.body !== t.body ||
        article.published_at !== t.published_at
      );
    });
    expect(wrong.map((t) => t.url)).toEqual([]);
    expect(1 - wrong.length / harness.web.truth.length).toBeGreaterThanOrEqual(0.99);
  });

  it("keeps the original date string and stores the raw HTML once, compressed, by content hash", async () => {
    const krt = articles.find((article) => article.outlet_id === "krt");
    expect(krt?.published_raw).toMatch(/^\d{2}:\d{2} \d{1,2}\/\d{1,2}\/2024$/);
    for (const article of articles)
      await access(join(harness.dataDir, "snapshots", `${article.snapshot}.html.gz`));
  });

  it("renders the JavaScript site in Chromium without loading its images or fonts", () => {
    const daibieu = articles.filter((article) => article.outlet_id === "dai-bieu-nhan-dan");
    expect(daibieu).toHaveLength(harness.web.truth.filter((t) => t.site === "daibieu").length);
    const paths = harness.web.requestsTo("daibieu").map((request) => request.path);
    expect(paths.some((path) => path.startsWith("/api/bai-viet/"))).toBe(true);
    expect(paths.filter((path) => path.startsWith("/images/") || path.endsWith(".woff2"))).toEqual([]);
  });

  it.each([
    ["hostile-slow/rss", "timeout", "discover"],
    ["hostile-loop/rss", "too_many_redirects", "discover"],
    ["hostile-huge/rss", "too_large", "article"],
    ["hostile-broken/rss", "parse", "discover"],
    ["hostile-err500/rss", "http_status", "discover"],
    ["hostile-robots/rss", "robots", "discover"],
    ["hostile-private/rss", "ssrf", "discover"],
    ["hostile-private/tin-moi", "ssrf", "article"],
    ["hostile-unallowed/rss", "ssrf", "discover"],
  ])("records the failure of %s as %s on the source", (sourceId, kind, stage) => {
    expect(health(sourceId)?.last_error).toMatchObject({ kind, stage });
  });

  it("keeps every good source healthy while the hostile ones fail", () => {
    const good = first.sources.filter((source) => !source.source_id.startsWith("hostile-"));
    expect(good.length).toBe(8);
    for (const source of good) expect(source.state).toBe("ok");
  });

  it("refuses private targets, redirects included, and says where", () => {
    expect(health("hostile-private/rss")?.last_error?.message).toContain("169.254.169.254");
    expect(
      harness.web
        .requestsTo("private")
        .map((request) => request.path)
        .sort(),
    ).toEqual(["/bai/a.html", "/bai/b.html", "/robots.txt", "/rss", "/tin-moi"].sort());
    // Without an allowance for 127.0.0.1 the host is refused before a single byte is sent.
    expect(health("hostile-unallowed/rss")?.last_error?.message).toContain("127.0.0.1 is loopback");
    expect(harness.web.requestsTo("unallowed")).toEqual([]);
  });

  it("never fetches what robots.txt disallows", () => {
    expect(harness.web.requestsTo("robots").map((request) => request.path)).toEqual(["/robots.txt"]);
    expect(harness.web.requestsTo("krt").filter((request) => request.path.startsWith("/private/"))).toEqual(
      [],
    );
  });

  it("asks for unchanged feeds conditionally, gets 304s, and fetches no article twice", async () => {
    const articleRequests = () =>
      harness.web.requests.filter((request) => /\.(html|vnp|vov)$/.test(request.path.split("?")[0]!)).length;
    const before = articleRequests();
    const second = await crawlOnce(runtime, { timeoutMs: 60_000 });
    const feedRequests = (site: string, path: string) =>
      harness.web.requestsTo(site).filter((request) => request.path === path);
    const atom = feedRequests("vietnamplus", "/rss/xahoi.atom").at(-1);
    expect(atom?.headers["if-none-match"]).toBe('"vnp-feed-7"');
    expect(atom?.status).toBe(304);
    expect(feedRequests("sggp", "/rss/xa-hoi.rss").at(-1)?.status).toBe(304);
    expect(second.sources.find((source) => source.source_id === "vietnamplus/xa-hoi")).toMatchObject({
      not_modified_last_run: true,
      state: "ok",
    });
    expect(second.analyzeJobs).toBe(harness.web.truth.length);
    // Every URL, the ones that failed included, was already seen: nothing is fetched again.
    expect(articleRequests() - before).toBe(0);
  }, 90_000);
});
