/**
 * The indexed article: what collection extracted, what analysis found, and where the article stands
 * among its copies. Pure.
 */
import type { ArticleAnalysis } from "../analyze/analyze.ts";
import { describeFeature } from "../analyze/features.ts";
import type { ArticleDoc, ExtractedArticle, OutletKind } from "../model/article.ts";
import type { Outlet } from "../plan/schema.ts";
import type { FamilyAssignment } from "./familyIndex.ts";

export interface DocContext {
  outlet: Outlet | undefined;
  family: FamilyAssignment;
  /** The story (src/analyze/stories.ts, placed by the analyze job); by default the family. */
  story?: string;
  misinformation?: { score: number; reasons: string[] };
}

const WORD = /\p{L}+/gu;

const EVIDENCE_LIMIT = 5;

/** The features a learned model reports, as a reader sees them (words, not feature names). */
function readable(features: ReadonlyArray<{ feature: string }>): string[] {
  return features
    .map((f) => describeFeature(f.feature))
    .filter((f) => f.kind === "words")
    .map((f) => f.text);
}

/** What decided a theme: the plan terms found first, then the words the model leaned on. */
function themeEvidence(theme: ArticleAnalysis["themes"][number]): string[] {
  const terms = theme.evidence.terms.map((t) => t.text);
  return [...new Set([...terms.slice(0, 3), ...readable(theme.evidence.model)])].slice(0, EVIDENCE_LIMIT);
}

/** What decided the tone: the lexicon's strongest words (marked + or −), then the model's words. */
function toneEvidence(tone: ArticleAnalysis["tone"]): string[] {
  const lexicon = tone.evidence.slice(0, 3).map((e) => `${e.weight >= 0 ? "+" : "−"}${e.text}`);
  return [...new Set([...lexicon, ...readable(tone.model ?? [])])].slice(0, EVIDENCE_LIMIT);
}

/** The fields of an indexed article that analysis decides. */
export function analysisFields(analysis: ArticleAnalysis) {
  return {
    themes: analysis.themes.map((theme) => ({
      id: theme.id,
      score: theme.score,
      evidence: themeEvidence(theme),
    })),
    primary_theme: analysis.primaryTheme,
    // The responsible agency first, then the others named.
    agencies: [
      ...new Set([
        ...(analysis.responsibleAgency ? [analysis.responsibleAgency] : []),
        ...analysis.agencies.map((agency) => agency.id),
      ]),
    ],
    places: analysis.places.map((place) => place.id),
    districts: analysis.districts.map((district) => district.id),
    relevance: analysis.relevance.score,
    tone: { label: analysis.tone.label, score: analysis.tone.score, evidence: toneEvidence(analysis.tone) },
    analyzer_version: analysis.analyzerVersion,
  } satisfies Partial<ArticleDoc>;
}

export function toArticleDoc(
  article: ExtractedArticle,
  analysis: ArticleAnalysis,
  context: DocContext,
): ArticleDoc {
  const outletKind: OutletKind = context.outlet?.kind ?? "other";
  return {
    id: article.id,
    outlet: article.outlet_id,
    outlet_kind: outletKind,
    source: article.source_id,
    url: article.url,
    canonical_url: article.canonical_url,
    title: article.title,
    lead: article.lead,
    body: article.body,
    author: article.author ?? null,
    section: article.section ?? null,
    published_at: article.published_at,
    published_raw: article.published_raw,
    fetched_at: article.fetched_at,
    language: article.language,
    ...analysisFields(analysis),
    cluster_id: context.family.family,
    is_original: context.family.isOriginal,
    story_id: context.story ?? context.family.family,
    ...(context.misinformation ? { misinformation: context.misinformation } : {}),
    content_hash: article.content_hash,
    snapshot: article.snapshot,
    word_count: (`${article.title} ${article.lead} ${article.body}`.match(WORD) ?? []).length,
  };
}
