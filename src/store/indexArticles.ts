/**
 * Bulk indexing. The document id is the article id, so sending an article twice overwrites it and
 * never duplicates. Per-item failures are sorted into retryable (the node was busy or briefly
 * unavailable: retried here with backoff) and permanent (the document is wrong: reported).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ArticleDoc } from "../model/article.ts";
import { normalizeVietnamese } from "../text/normalize.ts";
import type { SearchClient } from "./client.ts";
import type { BulkResult } from "./types.ts";

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export interface BulkOptions {
  /** Make the documents visible to search before returning (tests, small batches). */
  refresh?: boolean;
  attempts?: number;
  baseDelayMs?: number;
}

interface BulkItem {
  index?: { _id?: string; status: number; error?: { type?: string; reason?: string } };
}

/** The engine expects text in the canonical form (see analysis.ts); this is cheap when it already is. */
function normalizedText(doc: ArticleDoc): ArticleDoc {
  return {
    ...doc,
    title: normalizeVietnamese(doc.title),
    lead: normalizeVietnamese(doc.lead),
    body: normalizeVietnamese(doc.body),
  };
}

export async function indexArticles(
  client: SearchClient,
  alias: string,
  docs: ArticleDoc[],
  options: BulkOptions = {},
): Promise<BulkResult> {
  const attempts = options.attempts ?? 4;
  const baseDelay = options.baseDelayMs ?? 250;
  let pending = docs;
  let indexed = 0;
  const failed: BulkResult["failed"] = [];

  for (let attempt = 1; pending.length > 0; attempt++) {
    const response = await client.bulk({
      refresh: options.refresh ? "wait_for" : false,
      body: pending.flatMap((doc) => [{ index: { _index: alias, _id: doc.id } }, normalizedText(doc)]),
    });
    const items = response.body.items as BulkItem[];
    const retry: ArticleDoc[] = [];
    items.forEach((item, position) => {
      const result = item.index;
      const doc = pending[position]!;
      if (result && result.status < 300) {
        indexed++;
        return;
      }
      const status = result?.status ?? 0;
      const retryable = RETRYABLE_STATUS.has(status);
      if (retryable && attempt < attempts) {
        retry.push(doc);
        return;
      }
      const reason = result?.error
        ? `${result.error.type}: ${result.error.reason}`
        : "no result for this item";
      failed.push({ id: doc.id, status, reason, retryable });
    });
    pending = retry;
    if (pending.length) await sleep(baseDelay * 2 ** (attempt - 1) * (0.5 + Math.random()));
  }
  return { indexed, failed };
}
