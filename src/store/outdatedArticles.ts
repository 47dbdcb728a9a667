/**
 * Pages of whole stored articles whose analysis is older than `version`, for re-analysis after the
 * plan or the model changed. Sorted by id with search_after, so the pages stay stable while the
 * re-analysed documents are written back (they leave the result set as they are).
 */

import type { ArticleDoc } from "../model/article.ts";
import type { SearchClient } from "./client.ts";

export async function* outdatedArticles(
  client: SearchClient,
  alias: string,
  version: string,
  pageSize = 500,
): AsyncIterable<ArticleDoc[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const response = await client.search({
      index: alias,
      body: {
        size: pageSize,
        query: { bool: { must_not: [{ term: { analyzer_version: version } }] } },
        sort: [{ id: "asc" }],
        ...(after ? { search_after: after } : {}),
      } as never,
    });
    const hits = response.body.hits.hits as unknown as Array<{ _source: ArticleDoc; sort: unknown[] }>;
    if (!hits.length) return;
    yield hits.map((hit) => hit._source);
    after = hits.at(-1)!.sort;
  }
}
