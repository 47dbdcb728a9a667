/**
 * Bulk indexing. The document id is the article id and the index is the month the document itself
 * names (names.ts, `routingInstant`), so sending an article twice, from a retry or another worker,
 * overwrites it and never duplicates. A month this process has not written to yet is opened first
 * (monthIndex.ts: created with its replicas started, so losing a node never leaves it red). When a
 * re-fetch changes an article's month, the copy left in the old month is deleted once the new one
 * is written (see `sweepOtherMonths`). Per-item failures
 * are sorted into retryable (the node was busy or briefly unavailable: retried here with backoff)
 * and permanent (the document is wrong: reported).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ArticleDoc } from "../model/article.ts";
import { normalizeVietnamese } from "../text/normalize.ts";
import { MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import type { MonthOpener } from "./monthIndex.ts";
import { articleNames, indexMonth, routingInstant } from "./names.ts";
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

/** The monthly index of the current mapping version an article belongs in. */
export function articleIndexFor(
  prefix: string,
  doc: Pick<ArticleDoc, "published_at" | "fetched_at">,
): string {
  return articleNames(prefix).monthly(MAPPING_VERSION, indexMonth(routingInstant(doc)));
}

/**
 * Deletes the copies of these articles that sit in another index than their own: a month changed
 * by a re-fetch, or the single index of an older release. Searched, so a copy written less than a
 * refresh interval ago is not seen; the next write of that article removes it.
 */
async function sweepOtherMonths(client: SearchClient, alias: string, written: Map<string, string>) {
  if (!written.size) return;
  const ids = [...written.keys()];
  const response = await client.search({
    index: alias,
    body: { size: ids.length * 2, _source: false, query: { ids: { values: ids } } },
  });
  const hits = response.body.hits.hits as Array<{ _index: string; _id: string }>;
  const stale = hits.filter((hit) => written.get(hit._id) !== hit._index);
  if (!stale.length) return;
  await client.bulk({ body: stale.map((hit) => ({ delete: { _index: hit._index, _id: hit._id } })) });
}

export async function indexArticles(
  client: SearchClient,
  months: MonthOpener,
  prefix: string,
  docs: ArticleDoc[],
  options: BulkOptions = {},
): Promise<BulkResult> {
  const attempts = options.attempts ?? 4;
  const baseDelay = options.baseDelayMs ?? 250;
  let pending = docs;
  let indexed = 0;
  const failed: BulkResult["failed"] = [];

  const written = new Map<string, string>();

  for (let attempt = 1; pending.length > 0; attempt++) {
    const targets = pending.map((doc) => articleIndexFor(prefix, doc));
    await months.open(targets);
    const response = await client.bulk({
      refresh: options.refresh ? "wait_for" : false,
      body: pending.flatMap((doc, i) => [
        { index: { _index: targets[i], _id: doc.id } },
        normalizedText(doc),
      ]),
    });
    const items = response.body.items as BulkItem[];
    const retry: ArticleDoc[] = [];
    items.forEach((item, position) => {
      const result = item.index;
      const doc = pending[position]!;
      if (result && result.status < 300) {
        indexed++;
        written.set(doc.id, targets[position]!);
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
  await sweepOtherMonths(client, articleNames(prefix).alias, written);
  return { indexed, failed };
}
