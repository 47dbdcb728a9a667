/**
 * One extracted article through analysis: themes, agencies, places, tone (src/analyze), its
 * near-duplicate family (shared across workers), misinformation signals when configured, then onto
 * the index queue. Safe to run twice: the family assignment replays, the index job id is stable.
 */
import { type Analyzer, analyzeArticle } from "../analyze/analyze.ts";
import { fingerprintArticle, isReprint, outletRank } from "../analyze/dedupe.ts";
import type { ExtractedArticle } from "../queue/contract.ts";
import type { ArticleDoc } from "../store/types.ts";
import type { FamilyIndex } from "./familyIndex.ts";
import type { ArticleSignals } from "./loadSignals.ts";
import { toArticleDoc } from "./toArticleDoc.ts";

export interface AnalyzeJobDeps {
  analyzer: Analyzer;
  families: Pick<FamilyIndex, "assign">;
  /** Misinformation score and reasons, and the registered claims the article spreads. */
  signals?: (doc: ArticleDoc) => ArticleSignals;
  /** `claims` travels with the document to the alerts stage (rumours); it is not indexed. */
  enqueueIndex: (doc: ArticleDoc, demote: string | null, claims: string[]) => Promise<void>;
}

export async function runAnalyzeJob(article: ExtractedArticle, deps: AnalyzeJobDeps) {
  const input = {
    title: article.title,
    lead: article.lead,
    body: article.body,
    url: article.url,
    published_at: article.published_at,
    outlet: article.outlet_id,
  };
  const analysis = analyzeArticle(input, deps.analyzer);
  const outlet = deps.analyzer.outlets.byId.get(article.outlet_id);
  const family = await deps.families.assign({
    id: article.id,
    fingerprint: fingerprintArticle(input),
    published_at: article.published_at,
    reprint: isReprint(input),
    rank: outletRank(outlet?.kind),
  });
  let doc = toArticleDoc(article, analysis, { outlet, family });
  let claims: string[] = [];
  if (deps.signals) {
    const { score, reasons, claims: asserted } = deps.signals(doc);
    doc = { ...doc, misinformation: { score, reasons } };
    claims = asserted;
  }
  await deps.enqueueIndex(doc, family.demoted, claims);
  return { id: doc.id, primary_theme: doc.primary_theme, family: family.family, original: family.isOriginal };
}
