/**
 * The Article mapping (see ../../../shared/design/ARCHITECTURE.md, "Data"). Text fields get the
 * Vietnamese analysis of `analysis.ts`; everything filtered or counted is a keyword.
 * Bump MAPPING_VERSION whenever this changes: `presswatch store reindex` moves the data over.
 */
import { vietnameseAnalysisSettings, vietnameseTextField } from "./analysis.ts";
import { DEFAULT_LAYOUT, type IndexLayout } from "./layout.ts";

export const MAPPING_VERSION = 2;

const keyword = { type: "keyword" } as const;

export function articleMappings() {
  return {
    dynamic: "strict",
    properties: {
      id: keyword,
      outlet: keyword,
      outlet_kind: keyword,
      source: keyword,
      url: { type: "keyword", index: false },
      canonical_url: keyword,
      title: vietnameseTextField(),
      lead: vietnameseTextField(),
      body: { ...vietnameseTextField(), fields: { folded: { type: "text", analyzer: "vi_folded" } } },
      author: keyword,
      section: keyword,
      published_at: { type: "date" },
      published_raw: { type: "keyword", index: false },
      fetched_at: { type: "date" },
      language: keyword,
      // Evidence is shown, never searched: stored, not indexed (mapping version 2).
      themes: {
        properties: { id: keyword, score: { type: "float" }, evidence: { type: "keyword", index: false } },
      },
      primary_theme: keyword,
      agencies: keyword,
      places: keyword,
      districts: keyword,
      relevance: { type: "float" },
      tone: {
        properties: { label: keyword, score: { type: "float" }, evidence: { type: "keyword", index: false } },
      },
      cluster_id: keyword,
      is_original: { type: "boolean" },
      story_id: keyword,
      misinformation: { properties: { score: { type: "float" }, reasons: keyword } },
      content_hash: keyword,
      snapshot: { type: "keyword", index: false },
      analyzer_version: keyword,
      word_count: { type: "integer" },
    },
  };
}

export function articleSettings(layout: IndexLayout = DEFAULT_LAYOUT) {
  return {
    number_of_shards: layout.shards,
    // A single development node has nowhere to put a replica; a cluster sets OPENSEARCH_REPLICAS.
    number_of_replicas: layout.replicas,
    refresh_interval: layout.refreshInterval,
    ...vietnameseAnalysisSettings(),
  };
}
