/**
 * One discovery run of one source: fetch its feed, sitemap or listing page and return the article
 * entries it lists. The fetching is passed in (already polite and guarded), as is the store of
 * conditional-GET validators, so this reads top to bottom as the steps of a run and is tested
 * without a network.
 */
import { gunzipSync } from "node:zlib";
import { decodeBody } from "../fetch/charset.ts";
import { ACCEPT_FEED, ACCEPT_HTML } from "../fetch/headers.ts";
import type { FetchedPage, FetchResult } from "../fetch/http.ts";
import { type CrawlError, coerceError, ParseError } from "../model/errors.ts";
import type { Source } from "../sources/schema.ts";
import { type FeedEntry, parseFeed } from "./feed.ts";
import { parseListing } from "./listing.ts";
import { newestSitemaps, parseSitemap } from "./sitemap.ts";

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface DiscoverDeps {
  /** A GET that already applies robots.txt, the host limit, the SSRF guard and quick retries. */
  fetch: (request: { url: string; accept: string; headers: Record<string, string> }) => Promise<FetchResult>;
  validators: {
    get(url: string): Promise<Validators | null>;
    put(url: string, validators: Validators): Promise<void>;
  };
}

export type DiscoverOutcome =
  | { ok: true; entries: FeedEntry[]; notModified: boolean; documents: number }
  | { ok: false; error: CrawlError };

const MAX_SITEMAP_BYTES = 50 * 1024 * 1024; // the sitemap protocol's own limit, uncompressed

function conditionalHeaders(validators: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  return headers;
}

type Fetched =
  | { ok: true; page: FetchedPage; text: string }
  | { ok: true; notModified: true }
  | { ok: false; error: CrawlError };

/** GET with If-None-Match / If-Modified-Since; the validators are saved only once the body parsed. */
async function fetchText(
  url: string,
  accept: string,
  deps: DiscoverDeps,
  conditional: boolean,
): Promise<Fetched> {
  const validators = conditional ? await deps.validators.get(url) : null;
  const result = await deps.fetch({ url, accept, headers: conditionalHeaders(validators) });
  if (!result.ok) return result;
  if (result.page.status === 304) return { ok: true, notModified: true };
  let bytes: Buffer = result.page.body;
  // Sitemaps are often served gzipped as a file (.xml.gz), not as a content-encoding.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_SITEMAP_BYTES });
    } catch (error) {
      return { ok: false, error: new ParseError(`bad gzip: ${coerceError(error).message}`, url) };
    }
  }
  return { ok: true, page: result.page, text: decodeBody(bytes, result.page.headers["content-type"]).text };
}

async function saveValidators(url: string, page: FetchedPage, deps: DiscoverDeps): Promise<void> {
  const validators: Validators = {};
  if (page.headers.etag) validators.etag = page.headers.etag;
  if (page.headers["last-modified"]) validators.lastModified = page.headers["last-modified"];
  if (validators.etag || validators.lastModified) await deps.validators.put(url, validators);
}

async function discoverFeed(source: Source, deps: DiscoverDeps): Promise<DiscoverOutcome> {
  const fetched = await fetchText(source.url, ACCEPT_FEED, deps, true);
  if (!fetched.ok) return fetched;
  if ("notModified" in fetched) return { ok: true, entries: [], notModified: true, documents: 1 };
  const parsed = await parseFeed(fetched.text, fetched.page.url);
  if (!parsed.ok) return parsed;
  await saveValidators(source.url, fetched.page, deps);
  return { ok: true, entries: parsed.entries.slice(0, source.maxItems), notModified: false, documents: 1 };
}

async function discoverSitemap(source: Source, deps: DiscoverDeps): Promise<DiscoverOutcome> {
  const root = await fetchText(source.url, ACCEPT_FEED, deps, true);
  if (!root.ok) return root;
  if ("notModified" in root) return { ok: true, entries: [], notModified: true, documents: 1 };
  const parsed = parseSitemap(root.text, root.page.url);
  if (!parsed.ok) return parsed;
  let entries: FeedEntry[];
  let documents = 1;
  if (parsed.kind === "urlset") {
    entries = parsed.entries;
    await saveValidators(source.url, root.page, deps);
  } else {
    // An index is read whole every run (its children change while it may not); the children are
    // the ones fetched conditionally.
    entries = [];
    let lastError: CrawlError | null = null;
    for (const child of newestSitemaps(parsed.sitemaps, source.maxSitemaps)) {
      const fetched = await fetchText(child.url, ACCEPT_FEED, deps, true);
      documents++;
      // One broken child should not hide the others.
      if (!fetched.ok) lastError = fetched.error;
      if (!fetched.ok || "notModified" in fetched) continue;
      const childParsed = parseSitemap(fetched.text, fetched.page.url);
      if (childParsed.ok && childParsed.kind === "urlset") {
        entries.push(...childParsed.entries);
        await saveValidators(child.url, fetched.page, deps);
      } else if (!childParsed.ok) lastError = childParsed.error;
    }
    // Only when every child failed is the run a failure.
    if (entries.length === 0 && lastError) return { ok: false, error: lastError };
  }
  return { ok: true, entries: entries.slice(0, source.maxItems), notModified: false, documents };
}

async function discoverListing(source: Source, deps: DiscoverDeps): Promise<DiscoverOutcome> {
  // Conditional too: a listing page that answers 304 (or repeats itself) is how a portal's
  // silence shows (src/crawl/health.ts).
  const fetched = await fetchText(source.url, ACCEPT_HTML, deps, true);
  if (!fetched.ok) return fetched;
  if ("notModified" in fetched) return { ok: true, entries: [], notModified: true, documents: 1 };
  let entries: FeedEntry[];
  try {
    entries = parseListing(fetched.text, fetched.page.url, source.selector ?? "a");
  } catch (error) {
    // A malformed page (nested deeper than any real one) is a failed run, not a crash.
    if (error instanceof ParseError) return { ok: false, error };
    throw error;
  }
  await saveValidators(source.url, fetched.page, deps);
  return { ok: true, entries: entries.slice(0, source.maxItems), notModified: false, documents: 1 };
}

export function discoverSource(source: Source, deps: DiscoverDeps): Promise<DiscoverOutcome> {
  switch (source.kind) {
    case "feed":
      return discoverFeed(source, deps);
    case "sitemap":
      return discoverSitemap(source, deps);
    case "listing":
      return discoverListing(source, deps);
  }
}
