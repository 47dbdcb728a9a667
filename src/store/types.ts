/**
 * What is stored in and read from the search engine. These shapes are the contract between the
 * pipeline, the store and the API; the engine's own types never leave `src/store`.
 */
import type { ArticleDoc, OutletKind, Tone } from "../model/article.ts";

export interface SearchFilters {
  theme?: string[];
  agency?: string[];
  outlet?: string[];
  outlet_kind?: OutletKind[];
  district?: string[];
  tone?: Tone[];
  from?: string; // ISO date or date-time, inclusive, read in Asia/Ho_Chi_Minh when date-only
  to?: string; // inclusive
  has_misinformation?: boolean;
}

export type SortOrder = "relevance" | "newest" | "oldest";

export interface SearchRequest {
  q?: string;
  filters: SearchFilters;
  sort: SortOrder;
  size: number;
  /** Offset paging for the first pages; `after` (opaque cursor from a previous page) for deep ones. */
  from?: number;
  after?: string;
  facets?: boolean;
  highlight?: boolean;
}

export interface SearchHit {
  id: string;
  score: number | null;
  article: Omit<ArticleDoc, "body"> & { body_excerpt: string };
  highlight: Partial<Record<"title" | "lead" | "body", string[]>>;
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  /** Cursor for the next page (search_after), absent on the last page. */
  next?: string;
  facets?: Record<
    "theme" | "agency" | "outlet" | "outlet_kind" | "district" | "tone",
    Array<{ key: string; count: number }>
  >;
}

export type Period = "day" | "week" | "month";

export interface CoverageRequest {
  period: Period;
  from: string; // YYYY-MM-DD, Asia/Ho_Chi_Minh
  to: string; // YYYY-MM-DD inclusive
  filters: SearchFilters;
  /** Which dimensions to break down by, in order. */
  by: Array<"theme" | "outlet" | "agency" | "outlet_kind">;
}

export interface CoverageRow {
  period: string; // first day of the period, YYYY-MM-DD
  theme?: string;
  outlet?: string;
  agency?: string;
  outlet_kind?: string;
  raw: number;
  /** Stories first published here: near-duplicate families whose original is in this cell. */
  unique_stories: number;
  /** Share of all raw articles in the same period (0..1). */
  share_of_voice: number;
  /** raw minus raw of the same cell in the previous period (null for the first period). */
  change: number | null;
}

export interface CoverageResponse {
  period: Period;
  rows: CoverageRow[];
  totals: Array<{ period: string; raw: number; unique_stories: number }>;
}

export interface BulkResult {
  indexed: number;
  failed: Array<{ id: string; status: number; reason: string; retryable: boolean }>;
}
