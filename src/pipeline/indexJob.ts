/**
 * Analysed articles into the search engine, many per bulk request. Each job waits for the bulk
 * that carried its document and succeeds or fails on its own item: a retryable failure (the engine
 * busy or away) is thrown for the queue to retry with backoff; a document the engine refuses fails
 * for good with the engine's reason, in the failed list an operator can read.
 *
 * What follows a bulk goes per bulk too: the demoted originals of all its documents marked as
 * copies in one request, and the indexed documents handed to the alerts stage in one call (one
 * Redis round trip for the bulk rather than one per article). Either failing makes every document
 * of the bulk retryable: indexing, marking and enqueuing are all idempotent.
 */
import type { ArticleDoc } from "../model/article.ts";
import { type ArticleCorrection, applyCorrection } from "../model/correction.ts";
import { coerceError, IndexError } from "../model/errors.ts";
import type { ArticleStore } from "../store/articles.ts";
import type { BulkResult } from "../store/types.ts";
import { Batcher } from "./batcher.ts";

type Outcome = { ok: true; doc: ArticleDoc } | { ok: false; reason: string; retryable: boolean };

interface Pending {
  doc: ArticleDoc;
  /** The family's previous original, to be marked as a copy once this one is indexed. */
  demote: string | null;
  claims: string[];
}

export interface IndexJobDeps {
  store: Pick<ArticleStore, "index" | "markCopies">;
  /** Each family's original now (one read for a whole bulk), in the order given. */
  originalsOf: (families: string[]) => Promise<string[]>;
  /**
   * Hands the bulk's indexed articles to the alerts stage (each job id is the article id, so a
   * retried job adds nothing). Called only once the documents are in the engine.
   */
  enqueueAlerts?: (items: Array<{ doc: ArticleDoc; claims: string[] }>) => Promise<void>;
  /**
   * The coordinators' corrections of these articles: an article fetched again keeps the themes,
   * tone, agency or relevance a person set (src/store/corrections.ts).
   */
  correctionsOf?: (ids: string[]) => Promise<Map<string, ArticleCorrection>>;
}

export class IndexBatcher {
  private readonly batcher: Batcher<Pending, Outcome>;

  constructor(
    private readonly deps: IndexJobDeps,
    options: { maxSize: number; maxWaitMs: number },
  ) {
    this.batcher = new Batcher({ ...options, flush: (docs) => this.flush(docs) });
  }

  private async flush(pending: Pending[]): Promise<Outcome[]> {
    let docs: ArticleDoc[];
    let result: BulkResult;
    try {
      // The originals of the whole bulk in one read: they may have changed since analysis.
      const [originals, corrections] = await Promise.all([
        this.deps.originalsOf(pending.map((p) => p.doc.cluster_id)),
        this.deps.correctionsOf?.(pending.map((p) => p.doc.id)) ?? new Map<string, ArticleCorrection>(),
      ]);
      docs = pending.map(({ doc }, i) => {
        const correction = corrections.get(doc.id);
        const placed = { ...doc, is_original: originals[i] === doc.id };
        return correction ? applyCorrection(placed, correction.fields) : placed;
      });
      result = await this.deps.store.index(docs);
    } catch (error) {
      // The whole request failed (node down, timeout): every item may be retried.
      const reason = coerceError(error).message;
      return pending.map(() => ({ ok: false, reason, retryable: true }));
    }
    const failed = new Map(result.failed.map((failure) => [failure.id, failure]));
    const outcomes = docs.map((doc): Outcome => {
      const failure = failed.get(doc.id);
      return failure
        ? { ok: false, reason: failure.reason, retryable: failure.retryable }
        : { ok: true, doc };
    });
    const indexed = pending.flatMap((p, i) => (outcomes[i]!.ok ? [{ ...p, doc: docs[i]! }] : []));
    try {
      const demoted = indexed.flatMap((p) => (p.demote && p.demote !== p.doc.id ? [p.demote] : []));
      if (demoted.length) await this.deps.store.markCopies([...new Set(demoted)]);
      if (indexed.length)
        await this.deps.enqueueAlerts?.(indexed.map(({ doc, claims }) => ({ doc, claims })));
    } catch (error) {
      const reason = coerceError(error).message;
      return outcomes.map((outcome) => (outcome.ok ? { ok: false, reason, retryable: true } : outcome));
    }
    return outcomes;
  }

  async index(
    doc: ArticleDoc,
    demote: string | null,
    claims: string[] = [],
  ): Promise<{ id: string; is_original: boolean }> {
    const outcome = await this.batcher.add({ doc, demote, claims });
    if (!outcome.ok) {
      if (outcome.retryable)
        throw new IndexError(`indexing ${doc.id} failed, will retry: ${outcome.reason}`, true);
      throw new IndexError(`the search engine refused ${doc.id}: ${outcome.reason}`, false);
    }
    return { id: doc.id, is_original: outcome.doc.is_original };
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }
}
