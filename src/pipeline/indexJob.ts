/**
 * Analysed articles into the search engine, many per bulk request. Each job waits for the bulk
 * that carried its document and succeeds or fails on its own item: a retryable failure (the engine
 * busy or away) is thrown for the queue to retry with backoff; a document the engine refuses fails
 * for good with the engine's reason, in the failed list an operator can read.
 */
import { UnrecoverableError } from "bullmq";
import type { ArticleStore } from "../store/articles.ts";
import type { ArticleDoc, BulkResult } from "../store/types.ts";
import { Batcher } from "./batcher.ts";

type Outcome = { ok: true } | { ok: false; reason: string; retryable: boolean };

export interface IndexJobDeps {
  store: Pick<ArticleStore, "index" | "markCopies">;
  /** The family's original now: it may have changed since the article was analysed. */
  originalOf: (family: string) => Promise<string>;
  /**
   * Hands the indexed article to the alerts stage (its job id is the article id, so a retried
   * index job adds nothing). Called only once the document is in the engine.
   */
  enqueueAlerts?: (doc: ArticleDoc, claims: string[]) => Promise<void>;
}

export class IndexBatcher {
  private readonly batcher: Batcher<ArticleDoc, Outcome>;

  constructor(
    private readonly deps: IndexJobDeps,
    options: { maxSize: number; maxWaitMs: number },
  ) {
    this.batcher = new Batcher({ ...options, flush: (docs) => this.flush(docs) });
  }

  private async flush(docs: ArticleDoc[]): Promise<Outcome[]> {
    let result: BulkResult;
    try {
      result = await this.deps.store.index(docs);
    } catch (error) {
      // The whole request failed (node down, timeout): every item may be retried.
      const reason = (error as Error).message;
      return docs.map(() => ({ ok: false, reason, retryable: true }));
    }
    const failed = new Map(result.failed.map((failure) => [failure.id, failure]));
    return docs.map((doc) => {
      const failure = failed.get(doc.id);
      return failure ? { ok: false, reason: failure.reason, retryable: failure.retryable } : { ok: true };
    });
  }

  async index(
    doc: ArticleDoc,
    demote: string | null,
    claims: string[] = [],
  ): Promise<{ id: string; is_original: boolean }> {
    const original = await this.deps.originalOf(doc.cluster_id);
    const current = { ...doc, is_original: original === doc.id };
    const outcome = await this.batcher.add(current);
    if (!outcome.ok) {
      if (outcome.retryable) throw new Error(`indexing ${doc.id} failed, will retry: ${outcome.reason}`);
      throw new UnrecoverableError(`the search engine refused ${doc.id}: ${outcome.reason}`);
    }
    if (demote && demote !== doc.id) await this.deps.store.markCopies([demote]);
    await this.deps.enqueueAlerts?.(current, claims);
    return { id: doc.id, is_original: current.is_original };
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }
}
