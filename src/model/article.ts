/**
 * The article as it passes from stage to stage: as extracted (the fetch and render workers'
 * output, the analyze queue's payload), and as analysed and stored (`ArticleDoc`, the document the
 * index job writes and every reader gets back). Part of the domain model: it imports nothing of
 * the project, and every stage and adapter imports it.
 */
import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true });
const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

/** The output of collection, consumed by the analysis stage. */
export const extractedArticleSchema = z.object({
  /** sha256 of the canonical URL, hex, first 32 characters; also the analyze job's id. */
  id: hex(32),
  outlet_id: z.string().min(1),
  source_id: z.string().min(1),
  url: z.url(),
  canonical_url: z.url(),
  title: z.string(),
  lead: z.string(),
  body: z.string(),
  author: z.string().optional(),
  section: z.string().optional(),
  /** ISO 8601 in UTC, or null when the page gives no readable date. */
  published_at: isoDate.nullable(),
  /** The date exactly as the page or feed wrote it. */
  published_raw: z.string().nullable(),
  modified_at: isoDate.optional(),
  language: z.string().min(2),
  image: z.url().optional(),
  fetched_at: isoDate,
  /** sha256 of title and body: changes when the text changes. */
  content_hash: hex(64),
  /** sha256 of the raw HTML stored under DATA_DIR/snapshots. */
  snapshot: hex(64),
});

export type ExtractedArticle = z.infer<typeof extractedArticleSchema>;

export type Tone = "negative" | "neutral" | "positive";
export type OutletKind = "central_partner" | "economic_partner" | "provincial_press" | "portal" | "other";

/** One article as indexed: id = hash of the canonical URL, so indexing twice never duplicates. */
export interface ArticleDoc {
  id: string;
  outlet: string;
  outlet_kind: OutletKind;
  source: string;
  url: string;
  canonical_url: string;
  title: string;
  lead: string;
  body: string;
  author?: string | null;
  section?: string | null;
  /** UTC ISO timestamp; `published_raw` keeps the string the outlet printed. */
  published_at: string | null;
  published_raw?: string | null;
  fetched_at: string;
  language: string;
  /** `evidence`: the few plan terms and learned features that decided the theme, as a reader sees them. */
  themes: Array<{ id: string; score: number; evidence?: string[] }>;
  primary_theme: string;
  agencies: string[];
  places: string[];
  districts: string[];
  relevance: number;
  tone: { label: Tone; score: number; evidence?: string[] };
  /** Near-duplicate family (syndicated copies share it) and story (same event). */
  cluster_id: string;
  is_original: boolean;
  story_id: string;
  misinformation?: { score: number; reasons: string[] };
  content_hash: string;
  snapshot?: string | null;
  analyzer_version: string;
  word_count: number;
}

const TONES = ["negative", "neutral", "positive"] as const satisfies readonly Tone[];
const OUTLET_KINDS = [
  "central_partner",
  "economic_partner",
  "provincial_press",
  "portal",
  "other",
] as const satisfies readonly OutletKind[];

/**
 * The schema of an `ArticleDoc`, checked where a document crosses a queue (the index job's
 * payload) instead of being cast. Loose: fields the engine adds or an older analyzer wrote pass.
 */
export const articleDocSchema = z.looseObject({
  id: hex(32),
  outlet: z.string().min(1),
  outlet_kind: z.enum(OUTLET_KINDS),
  source: z.string().min(1),
  url: z.string().min(1),
  canonical_url: z.string().min(1),
  title: z.string(),
  lead: z.string(),
  body: z.string(),
  author: z.string().nullable().optional(),
  section: z.string().nullable().optional(),
  published_at: z.string().nullable(),
  published_raw: z.string().nullable().optional(),
  fetched_at: z.string(),
  language: z.string(),
  themes: z.array(z.object({ id: z.string(), score: z.number(), evidence: z.array(z.string()).optional() })),
  primary_theme: z.string(),
  agencies: z.array(z.string()),
  places: z.array(z.string()),
  districts: z.array(z.string()),
  relevance: z.number(),
  tone: z.object({ label: z.enum(TONES), score: z.number(), evidence: z.array(z.string()).optional() }),
  cluster_id: z.string().min(1),
  is_original: z.boolean(),
  story_id: z.string(),
  misinformation: z.object({ score: z.number(), reasons: z.array(z.string()) }).optional(),
  content_hash: z.string(),
  snapshot: z.string().nullable().optional(),
  analyzer_version: z.string(),
  word_count: z.number(),
}) satisfies z.ZodType<ArticleDoc>;
