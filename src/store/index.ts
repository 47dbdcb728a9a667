/** The store: everything that talks to the search engine. */
export { vietnameseAnalysisSettings, vietnameseTextField } from "./analysis.ts";
export { type ArticleStore, type ArticleStoreOptions, createArticleStore } from "./articles.ts";
export { createSearchClient, type SearchClient, searchHealth } from "./client.ts";
export { DEFAULT_LAYOUT, type IndexLayout, layoutFromEnv } from "./layout.ts";
export { InvalidCursorError } from "./searchArticles.ts";
export { type ArticleIndexState, ensureArticleIndex, reindexArticles } from "./setup.ts";
export type * from "./types.ts";
