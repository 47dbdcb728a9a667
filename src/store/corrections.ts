/**
 * Coordinators' corrections in `<prefix>-corrections`, one document per article (id = article id):
 * the fields in force, who corrected last and when, every correction made, and what the analyzer
 * had said. Kept apart from the article so that re-analysis and re-indexing apply it again
 * (`correctionsOf`), and read whole for export as training examples.
 */
import {
  type ArticleCorrection,
  applyCorrection,
  type CorrectionFields,
  mergeCorrection,
} from "../model/correction.ts";
import type { ArticleStore } from "./articles.ts";
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";
import { readVersioned, writeIfUnchanged } from "./versioned.ts";

const keyword = { type: "keyword" } as const;

export class CorrectionConflictError extends Error {
  constructor(id: string) {
    super(`the correction of article ${id} kept changing under us; try again`);
    this.name = "CorrectionConflictError";
  }
}

export function createCorrectionStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-corrections`;

  async function get(articleId: string): Promise<ArticleCorrection | null> {
    return (await readVersioned<ArticleCorrection>(client, index, articleId))?.record ?? null;
  }

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          article_id: keyword,
          by: keyword,
          at: { type: "date" },
          note: { type: "text", index: false },
          // Shown and exported, never searched.
          fields: { type: "object", enabled: false },
          history: { type: "object", enabled: false },
          analyzer: { type: "object", enabled: false },
        },
      });
    },

    get,

    /** The corrections in force for these articles (those without one are left out). */
    async correctionsOf(ids: string[]): Promise<Map<string, ArticleCorrection>> {
      if (ids.length === 0) return new Map();
      const response = await client.mget({ index, body: { ids } }, { ignore: [404] });
      const docs = (response.body?.docs ?? []) as Array<{ found?: boolean; _source?: ArticleCorrection }>;
      return new Map(
        docs.flatMap((doc) => (doc.found && doc._source ? [[doc._source.article_id, doc._source]] : [])),
      );
    },

    /**
     * Records a correction and writes the corrected article (refreshed, so coverage counts it at
     * once). Sending the same correction twice gives the same article: retries are safe.
     */
    async correct(
      articles: Pick<ArticleStore, "get" | "index">,
      articleId: string,
      change: { fields: CorrectionFields; note: string | null; by: string; at?: string },
    ) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const [article, read] = await Promise.all([
          articles.get(articleId),
          readVersioned<ArticleCorrection>(client, index, articleId),
        ]);
        if (!article) return null;
        const correction = mergeCorrection(read?.record ?? null, article, {
          ...change,
          at: change.at ?? new Date().toISOString(),
        });
        const written = read
          ? await writeIfUnchanged(client, index, articleId, correction, read)
          : (
              await client.index(
                { index, id: articleId, body: correction, op_type: "create", refresh: "wait_for" },
                { ignore: [409] },
              )
            ).statusCode !== 409;
        if (!written) continue;
        const corrected = applyCorrection(article, correction.fields);
        const result = await articles.index([corrected], { refresh: true });
        if (result.failed.length)
          throw new Error(`the corrected article ${articleId} was not indexed: ${result.failed[0]!.reason}`);
        return { article: corrected, correction };
      }
      throw new CorrectionConflictError(articleId);
    },

    /** Every correction, in pages (for export). */
    async *all(pageSize = 500): AsyncIterable<ArticleCorrection[]> {
      let after: unknown[] | undefined;
      for (;;) {
        const response = await client.search(
          {
            index,
            body: {
              size: pageSize,
              sort: [{ article_id: "asc" }],
              ...(after ? { search_after: after } : {}),
            } as never,
          },
          { ignore: [404] },
        );
        const hits = (response.body?.hits?.hits ?? []) as Array<{
          _source: ArticleCorrection;
          sort: unknown[];
        }>;
        if (!hits.length) return;
        yield hits.map((hit) => hit._source);
        after = hits.at(-1)!.sort;
      }
    },
  };
}

export type CorrectionStore = ReturnType<typeof createCorrectionStore>;
