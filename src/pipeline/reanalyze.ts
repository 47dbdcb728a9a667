/**
 * Re-analysis of stored articles after the plan or the theme model changed: every article whose
 * `analyzer_version` differs from the current analyzer is analysed again from its stored text and
 * written back. Its near-duplicate family is kept (it depends on the text, not on the plan), and
 * a coordinator's correction is applied again on top of the new analysis.
 */
import { type Analyzer, analyzeArticle } from "../analyze/analyze.ts";
import type { ArticleDoc } from "../model/article.ts";
import { type ArticleCorrection, applyCorrection } from "../model/correction.ts";
import type { ArticleStore } from "../store/articles.ts";
import { analysisFields } from "./toArticleDoc.ts";

export function reanalyzed(doc: ArticleDoc, analyzer: Analyzer): ArticleDoc {
  const analysis = analyzeArticle(
    {
      title: doc.title,
      lead: doc.lead,
      body: doc.body,
      url: doc.url,
      published_at: doc.published_at,
      outlet: doc.outlet,
    },
    analyzer,
  );
  return { ...doc, ...analysisFields(analysis) };
}

export async function reanalyzeStored(
  pages: AsyncIterable<ArticleDoc[]>,
  analyzer: Analyzer,
  store: Pick<ArticleStore, "index">,
  progress: (done: number, failed: number) => void = () => {},
  correctionsOf: (ids: string[]) => Promise<Map<string, ArticleCorrection>> = async () => new Map(),
): Promise<{ reanalyzed: number; failed: Array<{ id: string; reason: string }> }> {
  let done = 0;
  const failed: Array<{ id: string; reason: string }> = [];
  for await (const page of pages) {
    const corrections = await correctionsOf(page.map((doc) => doc.id));
    const result = await store.index(
      page.map((doc) => {
        const fresh = reanalyzed(doc, analyzer);
        const correction = corrections.get(doc.id);
        return correction ? applyCorrection(fresh, correction.fields) : fresh;
      }),
      { refresh: true },
    );
    done += result.indexed;
    failed.push(...result.failed.map(({ id, reason }) => ({ id, reason })));
    progress(done, failed.length);
    // A page whose documents all failed would come back forever: stop rather than loop.
    if (result.indexed === 0) break;
  }
  return { reanalyzed: done, failed };
}
