import { describe, expect, it } from "vitest";
import { type ArticleJobDeps, type PageResult, runArticleJob } from "../../../src/crawl/articleJob.ts";
import { type ExtractedArticle, extractedArticleSchema } from "../../../src/model/article.ts";
import { HttpStatusError, SsrfError } from "../../../src/model/errors.ts";
import { articleId } from "../../../src/queue/contract.ts";
import { silentLogger, testSource } from "./fakes.ts";

const HTML = `<html lang="vi"><head><title>Kon Tum đón 1,5 triệu lượt khách</title>
<link rel="canonical" href="https://bao.example/du-lich/kon-tum-1.html?utm_source=fb">
<meta property="article:published_time" content="2024-02-12T08:30:00+07:00"></head><body>
<div class="content"><h1>Kon Tum đón 1,5 triệu lượt khách</h1>
<p>Năm 2023, tỉnh Kon Tum đón hơn 1,5 triệu lượt khách du lịch, tăng 25% so với năm trước.</p>
<p>Tổng thu từ du lịch ước đạt 1.200 tỷ đồng, trong đó Măng Đen chiếm hơn một nửa.</p></div></body></html>`;

function deps(result: PageResult) {
  const produced: ExtractedArticle[] = [];
  const errors: Array<{ kind: string; url: string }> = [];
  const seen: string[] = [];
  const d: ArticleJobDeps = {
    source: async () => testSource(),
    getPage: async () => result,
    storeSnapshot: async () => "a".repeat(64),
    produce: async (article) => void produced.push(article),
    markSeen: async (urls) => void seen.push(...urls),
    recordError: async (_id, error) => void errors.push(error),
    now: () => new Date("2024-02-12T05:00:00Z"),
    logger: silentLogger,
  };
  return { d, produced, errors, seen };
}

const payload = {
  url: "https://bao.example/du-lich/kon-tum-1.html",
  outlet_id: "bao",
  source_id: "bao/rss",
  discovered_at: "2024-02-12T04:00:00Z",
  hint: {},
};
const signal = new AbortController().signal;
const ok = (html: string): PageResult => ({
  ok: true,
  page: {
    requestedUrl: payload.url,
    url: payload.url,
    status: 200,
    headers: { "content-type": "text/html" },
    body: Buffer.from(html),
    redirects: [],
  },
});

describe("runArticleJob", () => {
  it("produces a valid ExtractedArticle whose id is the hash of its canonical URL", async () => {
    const { d, produced, seen } = deps(ok(HTML));
    const result = await runArticleJob(payload, d, signal);
    const article = produced[0]!;
    expect(extractedArticleSchema.parse(article)).toEqual(article);
    expect(article.canonical_url).toBe("https://bao.example/du-lich/kon-tum-1.html");
    expect(article.id).toBe(articleId(article.canonical_url));
    expect(article).toMatchObject({
      title: "Kon Tum đón 1,5 triệu lượt khách",
      published_at: "2024-02-12T01:30:00.000Z",
      published_raw: "2024-02-12T08:30:00+07:00",
      fetched_at: "2024-02-12T05:00:00.000Z",
      snapshot: "a".repeat(64),
      language: "vi",
    });
    expect(article.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result).toEqual({ outcome: "article", id: article.id, url: article.canonical_url });
    expect(seen).toContain(article.canonical_url);
  });

  it("records a refusal on the source and ends as a value", async () => {
    const { d, produced, errors } = deps({
      ok: false,
      error: new SsrfError(payload.url, "10.0.0.1", "private"),
    });
    expect(await runArticleJob(payload, d, signal)).toMatchObject({ outcome: "error", kind: "ssrf" });
    expect(errors).toEqual([expect.objectContaining({ kind: "ssrf", url: payload.url })]);
    expect(produced).toEqual([]);
  });

  it("records a retryable failure and throws it for the queue to retry", async () => {
    const { d, errors } = deps({ ok: false, error: new HttpStatusError(payload.url, 502) });
    await expect(runArticleJob(payload, d, signal)).rejects.toBeInstanceOf(HttpStatusError);
    expect(errors).toHaveLength(1);
  });

  it("reports a page without any article text as a parse error", async () => {
    const { d, produced } = deps(ok("<html><body></body></html>"));
    expect(await runArticleJob(payload, d, signal)).toMatchObject({ outcome: "error", kind: "parse" });
    expect(produced).toEqual([]);
  });
});
