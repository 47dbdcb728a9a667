/**
 * "Try it" for a watchlist: the stored articles its query would have matched, newest first,
 * without saving anything. The query is the one the percolator stores (`watchlistQuery`), run as a
 * search on the article index, whose fields it was written for, so what is shown is what the
 * watchlist will match from now on.
 */
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import type { ArticleDoc } from "../model/article.ts";
import type { SearchClient } from "./client.ts";
import { type WatchlistSpec, watchlistQuery } from "./watchlists.ts";

export type TrialArticle = Pick<
  ArticleDoc,
  "id" | "title" | "outlet" | "url" | "published_at" | "primary_theme" | "agencies" | "tone"
>;

export interface TrialResult {
  total: number;
  articles: TrialArticle[];
}

export interface TrialOptions {
  /** An agency user's agency: only articles naming it. */
  agency: string | null;
  /** Calendar days in Vietnam, inclusive ("2024-06-01"). */
  from?: string | undefined;
  to?: string | undefined;
  size: number;
}

export function createWatchlistTrial(client: SearchClient, options: { alias: string }) {
  return {
    async matches(spec: WatchlistSpec, trial: TrialOptions): Promise<TrialResult> {
      const filter: QueryContainer[] = [watchlistQuery(spec)];
      if (trial.agency) filter.push({ term: { agencies: trial.agency } });
      if (trial.from || trial.to) {
        filter.push({
          range: {
            published_at: {
              ...(trial.from && { gte: trial.from }),
              ...(trial.to && { lte: trial.to }),
              time_zone: "+07:00",
              format: "yyyy-MM-dd",
            },
          },
        });
      }
      const response = await client.search({
        index: options.alias,
        body: {
          size: trial.size,
          track_total_hits: true,
          sort: [{ published_at: { order: "desc", missing: "_last" } }],
          _source: ["id", "title", "outlet", "url", "published_at", "primary_theme", "agencies", "tone"],
          query: { bool: { filter } },
        },
      });
      const total = response.body.hits.total;
      return {
        total: typeof total === "number" ? total : Number(total?.value ?? 0),
        articles: response.body.hits.hits.map((hit) => hit._source as TrialArticle),
      };
    },
  };
}

export type WatchlistTrial = ReturnType<typeof createWatchlistTrial>;
