/**
 * Article analysis: themes, agencies, places, relevance, tone, near-duplicates and stories, from the
 * plan (and an optional learned model). Pure: no I/O. Start with `createAnalyzer` and `analyzeArticle`.
 */
export {
  type AgencyResult,
  type Analyzer,
  type AnalyzerSettings,
  type ArticleAnalysis,
  type ArticleInput,
  analyzeArticle,
  createAnalyzer,
  DEFAULT_SETTINGS,
  resolveOutlet,
} from "./analyze.ts";
export {
  bandKeys,
  type DedupeArticle,
  type Family,
  type Fingerprint,
  findFamilies,
  fingerprintArticle,
  isCopy,
  isReprint,
  outletRank,
} from "./dedupe.ts";
export { parseThemeModel, type ThemeModelData, trainThemeModel } from "./model.ts";
export { clusterStories, type Story, type StoryArticle } from "./stories.ts";
export { ANALYZER_VERSION, analyzerVersion, needsReanalysis, planFingerprint } from "./version.ts";
