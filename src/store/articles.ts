/**
 * The article store: the one object the pipeline and the API use to index, search and count
 * articles. It hides the engine, the monthly indices, their mapping versions and the alias.
 */

import type { ArticleDoc } from "../model/article.ts";
import { createLocator } from "./articleIndices.ts";
import type { SearchClient } from "./client.ts";
import { coverage } from "./coverage.ts";
import { type BulkOptions, indexArticles } from "./indexArticles.ts";
import type { IndexLayout } from "./layout.ts";
import { createMonthOpener } from "./monthIndex.ts";
import { articleNames } from "./names.ts";
import { scanArticles, searchArticles } from "./searchArticles.ts";
import { type ArticleIndexState, ensureArticleIndex } from "./setup.ts";
import {
  type StoryCandidateDoc,
  type StoryCandidateOptions,
  type StoryCandidateQuery,
  storyCandidates,
  storyDocsByIds,
} from "./storyCandidates.ts";
import type {
  BulkResult,
  CoverageRequest,
  CoverageResponse,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from "./types.ts";

export interface ArticleStore {
  readonly alias: string;
  ensureReady(): Promise<ArticleIndexState>;
  index(docs: ArticleDoc[], options?: BulkOptions): Promise<BulkResult>;
  search(request: SearchRequest): Promise<SearchResponse>;
  scan(request: SearchRequest): AsyncIterable<SearchHit[]>;
  coverage(request: CoverageRequest): Promise<CoverageResponse>;
  get(id: string): Promise<ArticleDoc | null>;
  /** Articles by id (missing ones left out). */
  getMany(ids: string[]): Promise<ArticleDoc[]>;
  /** The articles of these story clusters, oldest first, at most `size`. */
  inStories(storyIds: string[], size: number): Promise<ArticleDoc[]>;
  /** Indexed articles within the story window of this one whose text is like it (see storyCandidates.ts). */
  storyCandidates(article: StoryCandidateQuery, options: StoryCandidateOptions): Promise<StoryCandidateDoc[]>;
  /** The story fields of these articles (for `pickStory`), as the last refresh shows them. */
  storyDocs(ids: readonly string[]): Promise<StoryCandidateDoc[]>;
  /** Marks articles as copies (no longer their family's original); unknown ids are skipped. */
  markCopies(ids: string[]): Promise<void>;
  count(): Promise<number>;
  refresh(): Promise<void>;
}

export interface ArticleStoreOptions {
  prefix: string;
  /** The plan's time zone: periods and date-only filters are read in it. */
  timeZone?: string;
  /** Shards, replicas and refresh interval of the deployment (OPENSEARCH_SHARDS, …). */
  layout?: IndexLayout;
}

export function createArticleStore(client: SearchClient, options: ArticleStoreOptions): ArticleStore {
  const alias = articleNames(options.prefix).alias;
  const timeZone = options.timeZone ?? "Asia/Ho_Chi_Minh";
  const locator = createLocator(client, alias);
  const months = createMonthOpener(client);
  return {
    alias,
    ensureReady: () => ensureArticleIndex(client, options.prefix, options.layout),
    index: (docs, bulkOptions) =>
      docs.length
        ? indexArticles(client, months, options.prefix, docs, bulkOptions)
        : Promise.resolve({ indexed: 0, failed: [] }),
    search: (request) => searchArticles(client, alias, request, timeZone),
    scan: (request) => scanArticles(client, alias, request, timeZone),
    coverage: (request) => coverage(client, alias, request, timeZone),
    async get(id) {
      return (await locator.locate<ArticleDoc>([id])).get(id)?.source ?? null;
    },
    async getMany(ids) {
      const found = await locator.locate<ArticleDoc>(ids);
      return ids.flatMap((id) => {
        const doc = found.get(id);
        return doc ? [doc.source] : [];
      });
    },
    async inStories(storyIds, size) {
      if (!storyIds.length) return [];
      const response = await client.search({
        index: alias,
        body: {
          size,
          query: { terms: { story_id: storyIds } },
          sort: [{ fetched_at: { order: "asc" } }, { id: { order: "asc" } }],
        },
      });
      return (response.body.hits.hits as Array<{ _source: ArticleDoc }>).map((hit) => hit._source);
    },
    storyCandidates: (article, candidateOptions) => storyCandidates(client, alias, article, candidateOptions),
    storyDocs: (ids) => storyDocsByIds(client, alias, ids),
    async markCopies(ids) {
      const found = [...(await locator.locate<ArticleDoc>(ids)).entries()];
      if (!found.length) return;
      const response = await client.bulk({
        body: found.flatMap(([id, { index }]) => [
          { update: { _index: index, _id: id } },
          { doc: { is_original: false } },
        ]),
      });
      const items = response.body.items as Array<{
        update?: { status: number; error?: { reason?: string } };
      }>;
      const failed = items.filter(
        (item) => item.update && item.update.status >= 300 && item.update.status !== 404,
      );
      if (failed.length)
        throw new Error(`marking copies failed: ${failed[0]?.update?.error?.reason ?? "unknown"}`);
    },
    async count() {
      const response = await client.count({ index: alias });
      return Number(response.body.count);
    },
    async refresh() {
      await client.indices.refresh({ index: alias });
    },
  };
}
