/**
 * "Test one fetch now" for a source: what discovery finds on its feed, sitemap or listing page,
 * and what extraction gives for the first few articles, without storing anything (no snapshot,
 * no seen-URL mark, no validators, no health record, nothing queued). The fetches go through the
 * caller's fetcher, which applies the same robots.txt, host slots and SSRF guard as the crawl.
 */
import { type DiscoverDeps, discoverSource } from "../discover/discover.ts";
import { extractArticle } from "../extract/extract.ts";
import { decodeBody } from "../fetch/charset.ts";
import { ACCEPT_HTML } from "../fetch/headers.ts";
import { coerceError } from "../model/errors.ts";
import type { Source } from "../sources/schema.ts";

export interface TrialError {
  kind: string;
  message: string;
  url?: string | undefined;
}

export interface TrialArticle {
  url: string;
  ok: boolean;
  error?: TrialError;
  title?: string;
  lead?: string;
  /** The start of the body, enough to see whether the right block was taken. */
  body_start?: string;
  words?: number;
  published_at?: string | null;
  published_raw?: string | null;
  author?: string | null;
  method?: string;
}

export interface TrialResult {
  source_id: string;
  discovery:
    | { ok: true; found: number; entries: Array<{ url: string; title?: string; published_raw?: string }> }
    | {
        ok: false;
        error: TrialError;
      };
  articles: TrialArticle[];
  /** Said when the trial differs from the crawl (a source rendered by Chromium is fetched over HTTP). */
  notes: string[];
}

const BODY_START = 600;

function errorOf(error: unknown, url?: string): TrialError {
  const known = coerceError(error) as Error & { kind?: string };
  return { kind: known.kind ?? known.name, message: known.message, ...(url && { url }) };
}

export async function trialFetch(
  source: Source,
  deps: { fetch: DiscoverDeps["fetch"]; now?: () => Date },
  options: { articles: number; entries: number } = { articles: 3, entries: 20 },
): Promise<TrialResult> {
  const notes: string[] = [];
  if (source.render === "browser") notes.push("render_browser_fetched_over_http");
  if (!source.enabled) notes.push(source.paused ? "paused" : "disabled");
  const outcome = await discoverSource(source, {
    fetch: deps.fetch,
    // No validators: a test is never answered 304, and leaves the crawl's validators alone.
    validators: { get: async () => null, put: async () => undefined },
  }).catch((error: unknown) => ({ ok: false as const, error: coerceError(error) }));
  if (!outcome.ok) {
    return {
      source_id: source.id,
      discovery: { ok: false, error: errorOf(outcome.error, source.url) },
      articles: [],
      notes,
    };
  }
  const articles: TrialArticle[] = [];
  for (const entry of outcome.entries.slice(0, options.articles)) {
    try {
      const result = await deps.fetch({ url: entry.url, accept: ACCEPT_HTML, headers: {} });
      if (!result.ok) {
        articles.push({ url: entry.url, ok: false, error: errorOf(result.error, entry.url) });
        continue;
      }
      const html = decodeBody(result.page.body, result.page.headers["content-type"]).text;
      const extraction = extractArticle(html, {
        url: result.page.url,
        selectors: source.extract,
        fetchedAt: (deps.now ?? (() => new Date()))(),
        hint: { title: entry.title, publishedRaw: entry.publishedRaw },
      });
      articles.push({
        url: result.page.url,
        ok: true,
        title: extraction.title,
        lead: extraction.lead,
        body_start: extraction.body.slice(0, BODY_START),
        words: extraction.body.split(/\s+/).filter(Boolean).length,
        published_at: extraction.published_at,
        published_raw: extraction.published_raw,
        author: extraction.author ?? null,
        method: extraction.method,
      });
    } catch (error) {
      articles.push({ url: entry.url, ok: false, error: errorOf(error, entry.url) });
    }
  }
  return {
    source_id: source.id,
    discovery: {
      ok: true,
      found: outcome.entries.length,
      entries: outcome.entries.slice(0, options.entries).map((entry) => ({
        url: entry.url,
        ...(entry.title && { title: entry.title }),
        ...(entry.publishedRaw && { published_raw: entry.publishedRaw }),
      })),
    },
    articles,
    notes,
  };
}
