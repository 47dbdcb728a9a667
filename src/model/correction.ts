/**
 * A coordinator's correction of what the analyzer decided for one article: its themes (primary
 * first), tone, responsible agency or relevance. The corrected values replace the analyzer's in the
 * indexed article, so search and coverage count them at once; the correction itself is kept apart
 * (the corrections index) so a re-analysis or a re-fetch applies it again, and it is exported as a
 * labelled example for training. Part of the domain model: pure, imports nothing of the project.
 */
import type { ArticleDoc, Tone } from "./article.ts";

/** What a coordinator may say about an article; every field is optional, at least one is given. */
export interface CorrectionFields {
  /** Every theme the article is about, the primary one first. */
  themes?: string[];
  tone?: Tone;
  /** The responsible agency, or null for none. */
  agency?: string | null;
  /** Whether the article is about the plan's province. */
  relevant?: boolean;
}

/** What the analyzer had decided before the first correction: shown beside the corrected values. */
export interface AnalyzerValues {
  primary_theme: string;
  themes: string[];
  tone: Tone;
  agencies: string[];
  relevance: number;
}

export interface ArticleCorrection {
  article_id: string;
  /** The fields in force: later corrections of a field replace earlier ones. */
  fields: CorrectionFields;
  note: string | null;
  /** Who corrected last, and when (ISO, UTC). Every correction is also in the audit log. */
  by: string;
  at: string;
  /** Every correction made, oldest first. */
  history: Array<{ by: string; at: string; fields: CorrectionFields; note: string | null }>;
  analyzer: AnalyzerValues;
}

export const CORRECTABLE = ["themes", "tone", "agency", "relevant"] as const;

export function analyzerValues(doc: ArticleDoc): AnalyzerValues {
  return {
    primary_theme: doc.primary_theme,
    themes: doc.themes.map((theme) => theme.id),
    tone: doc.tone.label,
    agencies: [...doc.agencies],
    relevance: doc.relevance,
  };
}

/** A new correction on top of the one in force (null for the first). */
export function mergeCorrection(
  previous: ArticleCorrection | null,
  doc: ArticleDoc,
  change: { fields: CorrectionFields; note: string | null; by: string; at: string },
): ArticleCorrection {
  return {
    article_id: doc.id,
    fields: { ...previous?.fields, ...change.fields },
    note: change.note ?? previous?.note ?? null,
    by: change.by,
    at: change.at,
    history: [...(previous?.history ?? []), change],
    // The analyzer's own values stay those it gave before anyone corrected them.
    analyzer: previous?.analyzer ?? analyzerValues(doc),
  };
}

/**
 * The article with the corrected values in place of the analyzer's. Evidence and scores of themes
 * the analyzer also found are kept; a theme it missed gets score 1 and no evidence.
 */
export function applyCorrection(doc: ArticleDoc, fields: CorrectionFields): ArticleDoc {
  const out: ArticleDoc = { ...doc };
  if (fields.themes && fields.themes.length > 0) {
    const found = new Map(doc.themes.map((theme) => [theme.id, theme]));
    out.themes = [...new Set(fields.themes)].map((id) => found.get(id) ?? { id, score: 1 });
    out.primary_theme = fields.themes[0]!;
  }
  if (fields.tone) out.tone = { ...doc.tone, label: fields.tone };
  if (fields.agency !== undefined)
    out.agencies =
      fields.agency === null ? [] : [fields.agency, ...doc.agencies.filter((a) => a !== fields.agency)];
  if (fields.relevant !== undefined) out.relevance = fields.relevant ? 1 : 0;
  return out;
}
