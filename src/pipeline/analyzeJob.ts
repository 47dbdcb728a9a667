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
import { toArticleDoc } from "./toArticleDoc.ts";

export interface AnalyzeJobDeps {
  analyzer: Analyzer;
  families: Pick<FamilyIndex, "assign">;
  /** Misinformation score and reasons, when the signals module is configured. */
  signals?: (doc: ArticleDoc) => { score: number; reasons: string[] };
  enqueueIndex: (doc: ArticleDoc, demote: string | null) => Promise<void>;
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
  if (deps.signals) doc = { ...doc, misinformation: deps.signals(doc) };
  await deps.enqueueIndex(doc, family.demoted);
  return { id: doc.id, primary_theme: doc.primary_theme, family: family.family, original: family.isOriginal };
}
