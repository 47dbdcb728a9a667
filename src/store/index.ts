/** The store: everything that talks to the search engine. */
export { vietnameseAnalysisSettings, vietnameseTextField } from "./analysis.ts";
export { type ArticleStore, type ArticleStoreOptions, createArticleStore } from "./articles.ts";
export { createSearchClient, type SearchClient, searchHealth, searchOptions } from "./client.ts";
export { DEFAULT_LAYOUT, type IndexLayout, layoutFromEnv } from "./layout.ts";
export { type ReindexOptions, reindexArticles, type TaskMemory } from "./reindex.ts";
export { InvalidCursorError } from "./searchArticles.ts";
export { type ArticleIndexState, ensureArticleIndex } from "./setup.ts";
export type * from "./types.ts";
