/**
 * Article search: text and filters, sorting, offset paging for the first pages and search_after
 * cursors for deep ones, highlights and facets.
 */

import type { ArticleDoc } from "../model/article.ts";
import type { SearchClient } from "./client.ts";
import { buildQuery } from "./query.ts";
import type { SearchHit, SearchRequest, SearchResponse, SortOrder } from "./types.ts";

const FACETS = {
  theme: "themes.id",
  agency: "agencies",
  outlet: "outlet",
  outlet_kind: "outlet_kind",
  district: "districts",
  tone: "tone.label",
} as const;

// Undated articles sort last. The engine's own "_last" is Long.MIN/MAX_VALUE, which a JavaScript
// number cannot hold, so a cursor built on it would not come back intact: use safe sentinels.
const UNDATED_LAST_DESC = 0; // 1970-01-01
const UNDATED_LAST_ASC = 253_402_300_799_000; // 9999-12-31T23:59:59Z

/** Every sort ends on `id` so cursors are stable across equal dates or scores. */
function sortFor(order: SortOrder, hasText: boolean): Array<object | string> {
  const tieBreak = { id: "asc" };
  if (order === "oldest") return [{ published_at: { order: "asc", missing: UNDATED_LAST_ASC } }, tieBreak];
  if (order === "relevance" && hasText)
    return ["_score", { published_at: { order: "desc", missing: UNDATED_LAST_DESC } }, tieBreak];
  return [{ published_at: { order: "desc", missing: UNDATED_LAST_DESC } }, tieBreak];
}

export function encodeCursor(sort: unknown[]): string {
  return Buffer.from(JSON.stringify(sort)).toString("base64url");
}

export class InvalidCursorError extends Error {
  constructor() {
    super("the cursor is not one this API returned");
    this.name = "InvalidCursorError";
  }
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value)) return value;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

const HIGHLIGHT = {
  pre_tags: ["<mark>"],
  post_tags: ["</mark>"],
  encoder: "html",
  fields: {
    title: { number_of_fragments: 0 },
    "title.folded": { number_of_fragments: 0 },
    lead: { number_of_fragments: 0 },
    "lead.folded": { number_of_fragments: 0 },
    body: { fragment_size: 160, number_of_fragments: 3 },
    "body.folded": { fragment_size: 160, number_of_fragments: 3 },
  },
};

type RawHit = {
  _id: string;
  _score: number | null;
  _source: ArticleDoc;
  sort?: unknown[];
  highlight?: Record<string, string[]>;
};

function toHit(raw: RawHit): SearchHit {
  const { body, ...rest } = raw._source;
  const highlight: SearchHit["highlight"] = {};
  for (const field of ["title", "lead", "body"] as const) {
    // The folded view matches queries typed without diacritics; the exact view wins when both match.
    const fragments = raw.highlight?.[field] ?? raw.highlight?.[`${field}.folded`];
    if (fragments) highlight[field] = fragments;
  }
  return {
    id: raw._id,
    score: raw._score ?? null,
    article: { ...rest, body_excerpt: body.slice(0, 300) },
    highlight,
  };
}

export function searchBody(request: SearchRequest, timeZone: string): Record<string, unknown> {
  const hasText = Boolean(request.q?.trim());
  const body: Record<string, unknown> = {
    query: buildQuery(request.q, request.filters, timeZone),
    sort: sortFor(request.sort, hasText),
    size: request.size,
    track_total_hits: true,
    _source: { excludes: [] },
  };
  if (request.after) body.search_after = decodeCursor(request.after);
  else if (request.from) body.from = request.from;
  if (request.highlight !== false && hasText) body.highlight = HIGHLIGHT;
  if (request.facets) {
    body.aggs = Object.fromEntries(
      Object.entries(FACETS).map(([name, field]) => [name, { terms: { field, size: 50 } }]),
    );
  }
  return body;
}

export async function searchArticles(
  client: SearchClient,
  alias: string,
  request: SearchRequest,
  timeZone: string,
): Promise<SearchResponse> {
  const response = await client.search({ index: alias, body: searchBody(request, timeZone) });
  const rawHits = response.body.hits.hits as unknown as RawHit[];
  const total = response.body.hits.total;
  const result: SearchResponse = {
    total: typeof total === "number" ? total : Number(total?.value ?? 0),
    hits: rawHits.map(toHit),
  };
  const last = rawHits.at(-1);
  if (rawHits.length === request.size && last?.sort) result.next = encodeCursor(last.sort);
  if (request.facets) {
    const aggs = response.body.aggregations as Record<
      string,
      { buckets: Array<{ key: string; doc_count: number }> }
    >;
    result.facets = Object.fromEntries(
      Object.keys(FACETS).map((name) => [
        name,
        (aggs[name]?.buckets ?? []).map((bucket) => ({ key: String(bucket.key), count: bucket.doc_count })),
      ]),
    ) as SearchResponse["facets"];
  }
  return result;
}

/** Every matching article, page by page (exports have no row cap), on a stable search_after cursor. */
export async function* scanArticles(
  client: SearchClient,
  alias: string,
  request: SearchRequest,
  timeZone: string,
): AsyncIterable<SearchHit[]> {
  let after = request.after;
  for (;;) {
    const page = await searchArticles(
      client,
      alias,
      { ...request, facets: false, from: 0, ...(after ? { after } : {}) },
      timeZone,
    );
    if (page.hits.length) yield page.hits;
    if (!page.next) return;
    after = page.next;
  }
}
