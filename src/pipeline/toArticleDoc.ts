/**
 * The indexed article: what collection extracted, what analysis found, and where the article stands
 * among its copies. Pure.
 */
import type { ArticleAnalysis } from "../analyze/analyze.ts";
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

/** The fields of an indexed article that analysis decides. */
export function analysisFields(analysis: ArticleAnalysis) {
  return {
    themes: analysis.themes.map((theme) => ({ id: theme.id, score: theme.score })),
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
    tone: { label: analysis.tone.label, score: analysis.tone.score },
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
