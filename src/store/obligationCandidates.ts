/**
 * Articles the obligation evaluation needs, with their full text (a contract may require the
 * province to be named anywhere in the body), and the originals of the near-duplicate families
 * they belong to (a reprint is judged by whose piece it copies). Paged on a stable search_after
 * cursor, so a year of a dozen outlets is read without deep offsets.
 */

import type { ArticleDoc } from "../model/article.ts";
import type { SearchClient } from "./client.ts";
import { filterClauses } from "./query.ts";

/** The fields the evaluation reads; the rest of the document stays in the engine. */
export const CANDIDATE_FIELDS = [
  "id",
  "outlet",
  "url",
  "canonical_url",
  "title",
  "lead",
  "body",
  "section",
  "published_at",
  "themes",
  "primary_theme",
  "word_count",
  "cluster_id",
  "is_original",
  "snapshot",
] as const;

export type CandidateDoc = Pick<ArticleDoc, (typeof CANDIDATE_FIELDS)[number]>;

export interface CandidateQuery {
  outlets: string[];
  /** YYYY-MM-DD, inclusive, whole days in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  pageSize?: number;
}

type RawHit = { _source: CandidateDoc; sort?: unknown[] };

/** Every article of these outlets published in the range, oldest first. */
export async function fetchObligationCandidates(
  client: SearchClient,
  alias: string,
  query: CandidateQuery,
): Promise<CandidateDoc[]> {
  if (query.outlets.length === 0) return [];
  const size = query.pageSize ?? 1000;
  const filter = filterClauses({ outlet: query.outlets, from: query.from, to: query.to }, query.timeZone);
  const out: CandidateDoc[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const response = await client.search({
      index: alias,
      body: {
        query: { bool: { filter } },
        sort: [{ published_at: { order: "asc" } }, { id: "asc" }],
        size,
        _source: [...CANDIDATE_FIELDS],
        ...(after ? { search_after: after } : {}),
      } as never,
    });
    const hits = response.body.hits.hits as unknown as RawHit[];
    for (const hit of hits) out.push(hit._source);
    const last = hits.at(-1);
    if (hits.length < size || !last?.sort) return out;
    after = last.sort;
  }
}

/** cluster id → the family's original (id and outlet), for the families asked about that have one. */
export async function fetchClusterOriginals(
  client: SearchClient,
  alias: string,
  clusterIds: Iterable<string>,
): Promise<Map<string, { id: string; outlet: string }>> {
  const ids = [...new Set(clusterIds)];
  const originals = new Map<string, { id: string; outlet: string }>();
  const chunk = 1000;
  for (let i = 0; i < ids.length; i += chunk) {
    const slice = ids.slice(i, i + chunk);
    const response = await client.search({
      index: alias,
      body: {
        query: { bool: { filter: [{ terms: { cluster_id: slice } }, { term: { is_original: true } }] } },
        sort: [{ published_at: { order: "asc", missing: "_last" } }, { id: "asc" }],
        size: slice.length * 2,
        _source: ["id", "outlet", "cluster_id"],
      } as never,
    });
    const hits = response.body.hits.hits as unknown as Array<{
      _source: { id: string; outlet: string; cluster_id: string };
    }>;
    for (const { _source: doc } of hits) {
      if (!originals.has(doc.cluster_id)) originals.set(doc.cluster_id, { id: doc.id, outlet: doc.outlet });
    }
  }
  return originals;
}
