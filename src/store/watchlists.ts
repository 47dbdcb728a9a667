/**
 * Coordinators' saved queries (watchlists) in `<prefix>-watchlists`, a percolator index: each
 * watchlist is stored as a query, and each new article (or a batch of them) is run against all of
 * them at once. The index carries the article fields the queries can use, analysed exactly as in
 * the article index (Vietnamese exact and folded), so a watchlist matches here what it would find
 * in a search.
 */
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import { z } from "zod";
import type { ArticleDoc } from "../model/article.ts";
import { normalizeVietnamese } from "../text/normalize.ts";
import { vietnameseAnalysisSettings } from "./analysis.ts";
import type { SearchClient } from "./client.ts";

const keyword = { type: "keyword" } as const;
const TEXT_FIELDS = ["title", "title.folded", "lead", "lead.folded", "body", "body.folded"];

/**
 * A text field of the percolator index: the article index's exact and folded analysis, without
 * its search-time tone unification. Stored queries are analysed again at every percolation, and
 * that unification is 45 regular expressions per field; the watchlist text is unified in
 * JavaScript once instead (`watchlistQuery`). Measured: 250 ms → see bench/percolate.ts.
 */
const PERCOLATED_TEXT = {
  type: "text",
  analyzer: "vi_exact",
  fields: { folded: { type: "text", analyzer: "vi_folded" } },
} as const;

/** What a watchlist looks for; every part given must hold (AND), values within a part are OR. */
export const watchlistSpecSchema = z
  .strictObject({
    /**
     * Words that must all occur, "quoted phrases", and -excluded words, with or without
     * diacritics: `sâm "Ngọc Linh" -giả`.
     */
    text: z.string().trim().min(1).max(500).optional(),
    themes: z.array(z.string().min(1)).optional(),
    agencies: z.array(z.string().min(1)).optional(),
    outlets: z.array(z.string().min(1)).optional(),
    outlet_kinds: z
      .array(z.enum(["central_partner", "economic_partner", "provincial_press", "portal", "other"]))
      .optional(),
    districts: z.array(z.string().min(1)).optional(),
    tone: z.array(z.enum(["negative", "neutral", "positive"])).optional(),
    min_misinformation: z.number().min(0).max(1).optional(),
  })
  .refine((spec) => Object.values(spec).some((value) => value !== undefined), {
    error: "a watchlist needs at least one condition",
  });

export type WatchlistSpec = z.output<typeof watchlistSpecSchema>;

export interface Watchlist {
  id: string;
  name: string;
  owner: string;
  /** The agency the watchlist belongs to (its alerts are routed there); null for the coordinator's. */
  agency: string | null;
  spec: WatchlistSpec;
  created_at: string;
}

export type PercolatedArticle = Pick<
  ArticleDoc,
  | "id"
  | "title"
  | "lead"
  | "body"
  | "outlet"
  | "outlet_kind"
  | "themes"
  | "agencies"
  | "districts"
  | "tone"
  | "misinformation"
>;

/** The query a spec stands for. */
export function watchlistQuery(spec: WatchlistSpec): QueryContainer {
  const filter: QueryContainer[] = [];
  const must: QueryContainer[] = [];
  const mustNot: QueryContainer[] = [];
  if (spec.text) {
    const { words, phrases, excluded } = parseWatchlistText(spec.text);
    // Each part may match in any text field, exact or folded. Plain match and match_phrase
    // queries, not query_string: the percolator can only preselect queries whose terms it can
    // extract, and would otherwise run every string query against every article.
    const anyField = (query: (field: string) => QueryContainer): QueryContainer => ({
      bool: { should: TEXT_FIELDS.map(query), minimum_should_match: 1 },
    });
    if (words.length)
      must.push(anyField((field) => ({ match: { [field]: { query: words.join(" "), operator: "and" } } })));
    for (const phrase of phrases) must.push(anyField((field) => ({ match_phrase: { [field]: phrase } })));
    for (const word of excluded) mustNot.push(anyField((field) => ({ match: { [field]: word } })));
  }
  if (spec.themes?.length) filter.push({ terms: { "themes.id": spec.themes } });
  if (spec.agencies?.length) filter.push({ terms: { agencies: spec.agencies } });
  if (spec.outlets?.length) filter.push({ terms: { outlet: spec.outlets } });
  if (spec.outlet_kinds?.length) filter.push({ terms: { outlet_kind: spec.outlet_kinds } });
  if (spec.districts?.length) filter.push({ terms: { districts: spec.districts } });
  if (spec.tone?.length) filter.push({ terms: { "tone.label": spec.tone } });
  if (spec.min_misinformation !== undefined)
    filter.push({ range: { "misinformation.score": { gte: spec.min_misinformation } } });
  return { bool: { must, filter, must_not: mustNot } };
}

/** `sâm "Ngọc Linh" -giả` → words [sâm], phrases [Ngọc Linh], excluded [giả]; tone unified. */
export function parseWatchlistText(text: string): { words: string[]; phrases: string[]; excluded: string[] } {
  const normalized = normalizeVietnamese(text);
  const phrases: string[] = [];
  const rest = normalized.replace(/"([^"]*)"/g, (_match, phrase: string) => {
    if (phrase.trim()) phrases.push(phrase.trim());
    return " ";
  });
  const words: string[] = [];
  const excluded: string[] = [];
  for (const token of rest.split(/\s+/).filter(Boolean)) {
    if (token.startsWith("-") && token.length > 1) excluded.push(token.slice(1));
    else words.push(token);
  }
  return { words, phrases, excluded };
}

export function createWatchlistStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-watchlists`;

  function documentOf(article: PercolatedArticle) {
    return {
      title: normalizeVietnamese(article.title),
      lead: normalizeVietnamese(article.lead),
      body: normalizeVietnamese(article.body),
      outlet: article.outlet,
      outlet_kind: article.outlet_kind,
      themes: article.themes.map((theme) => ({ id: theme.id })),
      agencies: article.agencies,
      districts: article.districts,
      tone: { label: article.tone.label },
      misinformation: { score: article.misinformation?.score ?? 0 },
    };
  }

  return {
    index,

    /** Idempotent: safe on every start of every process. */
    async ensureReady(): Promise<void> {
      const exists = await client.indices.exists({ index });
      if (exists.body) return;
      const response = await client.indices.create(
        {
          index,
          body: {
            settings: { number_of_shards: 1, auto_expand_replicas: "0-1", ...vietnameseAnalysisSettings() },
            mappings: {
              dynamic: "strict",
              properties: {
                query: { type: "percolator" },
                // The watchlist itself.
                id: keyword,
                name: { type: "text", fields: { raw: keyword } },
                owner: keyword,
                agency: keyword,
                spec: { type: "object", enabled: false },
                created_at: { type: "date" },
                // The article fields a query may use, analysed as in the article index.
                title: PERCOLATED_TEXT,
                lead: PERCOLATED_TEXT,
                body: PERCOLATED_TEXT,
                outlet: keyword,
                outlet_kind: keyword,
                themes: { properties: { id: keyword } },
                agencies: keyword,
                districts: keyword,
                tone: { properties: { label: keyword } },
                misinformation: { properties: { score: { type: "float" } } },
              },
            },
          } as Record<string, unknown>,
        },
        { ignore: [400] },
      );
      if (response.statusCode === 400) {
        const type = (response.body as { error?: { type?: string } }).error?.type;
        if (type !== "resource_already_exists_exception")
          throw new Error(`could not create ${index}: ${JSON.stringify(response.body)}`);
      }
    },

    /** Creates or replaces a watchlist (the spec is checked first). */
    async put(watchlist: Watchlist, options: { refresh?: boolean } = {}): Promise<void> {
      const spec = watchlistSpecSchema.parse(watchlist.spec);
      await client.index({
        index,
        id: watchlist.id,
        body: { ...watchlist, spec, query: watchlistQuery(spec) },
        refresh: options.refresh ? "wait_for" : false,
      });
    },

    /** Many at once (loading a configuration, a benchmark). */
    async putMany(watchlists: readonly Watchlist[]): Promise<void> {
      const operations = watchlists.flatMap((watchlist) => {
        const spec = watchlistSpecSchema.parse(watchlist.spec);
        return [
          { index: { _index: index, _id: watchlist.id } },
          { ...watchlist, spec, query: watchlistQuery(spec) },
        ];
      });
      for (let i = 0; i < operations.length; i += 1000) {
        const response = await client.bulk({ body: operations.slice(i, i + 1000), refresh: false });
        if (response.body.errors)
          throw new Error(`could not store watchlists: ${JSON.stringify(response.body.items[0])}`);
      }
      await client.indices.refresh({ index });
    },

    async remove(id: string): Promise<boolean> {
      const response = await client.delete({ index, id, refresh: "wait_for" }, { ignore: [404] });
      return response.statusCode !== 404;
    },

    async list(): Promise<Watchlist[]> {
      const response = await client.search({
        index,
        body: {
          size: 10_000,
          _source: { excludes: ["query"] },
          sort: [{ id: "asc" }],
          query: { match_all: {} },
        },
      });
      return response.body.hits.hits.map((hit) => {
        const { id, name, owner, agency, spec, created_at } = hit._source as Watchlist;
        return { id, name, owner, agency, spec, created_at };
      });
    },

    /**
     * The watchlists each article matches, in one request for the whole batch. Returns one entry
     * per article, in order.
     */
    async percolate(
      articles: readonly PercolatedArticle[],
      options: { maxMatches?: number } = {},
    ): Promise<Array<{ article_id: string; watchlists: Array<Pick<Watchlist, "id" | "name" | "agency">> }>> {
      const out = articles.map((article) => ({
        article_id: article.id,
        watchlists: [] as Array<Pick<Watchlist, "id" | "name" | "agency">>,
      }));
      if (articles.length === 0) return out;
      const response = await client.search({
        index,
        body: {
          size: options.maxMatches ?? 10_000,
          _source: ["id", "name", "agency"],
          query: { percolate: { field: "query", documents: articles.map(documentOf) } },
        } as Record<string, unknown>,
      });
      for (const hit of response.body.hits.hits) {
        const source = hit._source as Pick<Watchlist, "id" | "name" | "agency">;
        const slots = ((hit.fields as Record<string, number[]> | undefined)?._percolator_document_slot ?? [
          0,
        ]) as number[];
        for (const slot of slots) out[slot]?.watchlists.push(source);
      }
      return out;
    },
  };
}

export type WatchlistStore = ReturnType<typeof createWatchlistStore>;
