/**
 * The fetch (or render) job: one article URL to one ExtractedArticle on the analyze queue.
 *
 *   look the source up → get the page (HTTP or browser, through robots, the host limit and the guard)
 *   → store the raw HTML as evidence → extract → produce with jobId = article id → mark the
 *   canonical URL seen
 *
 * Expected failures (4xx, refusals, robots, a page without text) are recorded on the source and end
 * the job as a value. Retryable ones (5xx, timeouts) are recorded and thrown, so the queue retries
 * them and, once out of attempts, keeps the job in "failed" with its error.
 */
import { createHash } from "node:crypto";
import { extractArticle } from "../extract/extract.ts";
import { decodeBody } from "../fetch/charset.ts";
import type { FetchedPage } from "../fetch/http.ts";
import type { Logger } from "../log.ts";
import { type ExtractedArticle, extractedArticleSchema } from "../model/article.ts";
import { type CrawlError, ParseError } from "../model/errors.ts";
import { type ArticlePayload, articleId } from "../queue/contract.ts";
import type { Source } from "../sources/schema.ts";

export type PageResult =
  | { ok: true; page: FetchedPage & { html?: string } }
  | { ok: false; error: CrawlError };

export interface ArticleJobDeps {
  source: (id: string) => Promise<Source | undefined>;
  getPage: (source: Source, url: string, signal: AbortSignal) => Promise<PageResult>;
  /** Keeps the raw page as evidence (src/crawl/snapshotStores.ts); returns its sha256. */
  storeSnapshot: (
    bytes: Uint8Array,
    meta: { url: string; fetchedAt: string; contentType?: string | undefined },
  ) => Promise<string>;
  produce: (article: ExtractedArticle) => Promise<void>;
  markSeen: (urls: string[]) => Promise<void>;
  recordError: (sourceId: string, error: { kind: string; message: string; url: string }) => Promise<void>;
  now: () => Date;
  logger: Logger;
}

export type ArticleJobResult =
  | { outcome: "article"; id: string; url: string }
  | { outcome: "skipped"; reason: string }
  | { outcome: "error"; kind: string; message: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function runArticleJob(
  payload: ArticlePayload,
  deps: ArticleJobDeps,
  signal: AbortSignal,
): Promise<ArticleJobResult> {
  const source = await deps.source(payload.source_id);
  if (!source) return { outcome: "skipped", reason: "source no longer configured" };
  const logger = deps.logger.child({ source: source.id, url: payload.url });

  const fetchedAt = deps.now();
  const result = await deps.getPage(source, payload.url, signal);
  if (!result.ok) return fail(result.error, payload, deps, logger);

  const { page } = result;
  const html = page.html ?? decodeBody(page.body, page.headers["content-type"]).text;
  const snapshot = await deps.storeSnapshot(page.body, {
    url: page.url,
    fetchedAt: fetchedAt.toISOString(),
    contentType: page.headers["content-type"],
  });
  let extraction: ReturnType<typeof extractArticle>;
  try {
    extraction = extractArticle(html, {
      url: page.url,
      selectors: source.extract,
      fetchedAt,
      hint: { title: payload.hint.title, publishedRaw: payload.hint.published_raw },
    });
  } catch (error) {
    // A page the parser refuses (nested thousands deep) is the source's problem: on its health.
    if (error instanceof ParseError) return fail(error, payload, deps, logger);
    throw error;
  }
  if (!extraction.body && !extraction.title)
    return fail(new ParseError("no article text found on the page", page.url), payload, deps, logger);

  const article: ExtractedArticle = extractedArticleSchema.parse({
    id: articleId(extraction.canonical_url),
    outlet_id: source.outletId,
    source_id: source.id,
    url: page.url,
    canonical_url: extraction.canonical_url,
    title: extraction.title,
    lead: extraction.lead,
    body: extraction.body,
    ...(extraction.author ? { author: extraction.author } : {}),
    ...(extraction.section ? { section: extraction.section } : {}),
    published_at: extraction.published_at,
    published_raw: extraction.published_raw,
    ...(extraction.modified_at ? { modified_at: extraction.modified_at } : {}),
    language: extraction.language,
    ...(extraction.image ? { image: extraction.image } : {}),
    fetched_at: fetchedAt.toISOString(),
    content_hash: sha256(`${extraction.title}\n${extraction.body}`),
    snapshot,
  });
  await deps.produce(article);
  await deps.markSeen([article.canonical_url, page.url]);
  logger.info({ article: article.id, method: extraction.method }, "article collected");
  return { outcome: "article", id: article.id, url: article.canonical_url };
}

async function fail(
  error: CrawlError,
  payload: ArticlePayload,
  deps: ArticleJobDeps,
  logger: Logger,
): Promise<ArticleJobResult> {
  await deps.recordError(payload.source_id, { kind: error.kind, message: error.message, url: payload.url });
  logger.warn({ err_kind: error.kind, retryable: error.retryable }, error.message);
  if (error.retryable) throw error;
  return { outcome: "error", kind: error.kind, message: error.message };
}
