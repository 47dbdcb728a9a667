import { describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../../src/model/article.ts";
import { IndexError } from "../../../src/model/errors.ts";
import { IndexBatcher } from "../../../src/pipeline/indexJob.ts";
import type { BulkResult } from "../../../src/store/types.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

function setup(originals: Record<string, string>, refuse: Record<string, BulkResult["failed"][number]> = {}) {
  const reads: string[][] = [];
  const bulks: ArticleDoc[][] = [];
  const alerted: ArticleDoc[] = [];
  const alertCalls: number[] = [];
  const marked: string[][] = [];
  const batcher = new IndexBatcher(
    {
      store: {
        index: async (docs) => {
          bulks.push(docs);
          const failed = docs.flatMap((doc) => (refuse[doc.id] ? [refuse[doc.id]!] : []));
          return { indexed: docs.length - failed.length, failed };
        },
        markCopies: async (ids) => {
          marked.push(ids);
        },
      },
      originalsOf: async (families) => {
        reads.push(families);
        return families.map((family) => originals[family] ?? family);
      },
      enqueueAlerts: async (items) => {
        alertCalls.push(items.length);
        alerted.push(...items.map((item) => item.doc));
      },
    },
    { maxSize: 3, maxWaitMs: 10 },
  );
  return { batcher, reads, bulks, alerted, alertCalls, marked };
}

describe("IndexBatcher", () => {
  it("reads the originals once per bulk and marks each document by its family's current original", async () => {
    const [a, b, c] = syntheticArticles(3).map((doc, i) => ({
      ...doc,
      cluster_id: i < 2 ? "fam-1" : doc.id,
    }));
    // The family's original changed after analysis: b arrived later but is the better original.
    const { batcher, reads, bulks, alerted } = setup({ "fam-1": b!.id });
    const results = await Promise.all([a!, b!, c!].map((doc) => batcher.index(doc, null)));

    expect(reads).toEqual([["fam-1", "fam-1", c!.id]]);
    expect(bulks).toHaveLength(1);
    expect(results.map((r) => r.is_original)).toEqual([false, true, true]);
    expect(alerted.map((doc) => doc.is_original)).toEqual([false, true, true]);
  });

  it("marks the bulk's demoted originals in one request and hands the bulk to alerts in one call", async () => {
    const [a, b, c] = syntheticArticles(3);
    const { batcher, marked, alertCalls } = setup({});
    await Promise.all([batcher.index(a!, "old-1"), batcher.index(b!, "old-2"), batcher.index(c!, null)]);
    expect(marked).toEqual([["old-1", "old-2"]]);
    expect(alertCalls).toEqual([3]);
  });

  it("makes the bulk retryable when the alerts stage cannot be fed, and feeds it again on the retry", async () => {
    const [a] = syntheticArticles(1);
    let down = true;
    const fed: string[] = [];
    const batcher = new IndexBatcher(
      {
        store: { index: async () => ({ indexed: 1, failed: [] }), markCopies: async () => undefined },
        originalsOf: async (families) => families,
        enqueueAlerts: async (items) => {
          if (down) throw new Error("Connection is closed.");
          fed.push(...items.map((item) => item.doc.id));
        },
      },
      { maxSize: 1, maxWaitMs: 10 },
    );
    const error = await batcher.index(a!, null).catch((e: IndexError) => e);
    expect((error as IndexError).retryable).toBe(true);
    down = false;
    await batcher.index(a!, null);
    expect(fed).toEqual([a!.id]);
  });

  it("fails only the refused document, for good, and alerts on the others", async () => {
    const [a, b] = syntheticArticles(2);
    const { batcher, alerted } = setup(
      {},
      { [b!.id]: { id: b!.id, status: 400, reason: "mapper_parsing_exception: bad date", retryable: false } },
    );
    const [ok, refused] = await Promise.allSettled([batcher.index(a!, null), batcher.index(b!, null)]);
    expect(ok.status).toBe("fulfilled");
    expect(refused.status).toBe("rejected");
    // Not retryable: the queue contract's consumer fails the job for good.
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(IndexError);
    expect((refused as PromiseRejectedResult).reason.retryable).toBe(false);
    expect((refused as PromiseRejectedResult).reason.message).toContain("bad date");
    expect(alerted.map((doc) => doc.id)).toEqual([a!.id]);
  });

  it("makes every document of the bulk retryable when the originals cannot be read", async () => {
    const [a] = syntheticArticles(1);
    const batcher = new IndexBatcher(
      {
        store: { index: async () => ({ indexed: 0, failed: [] }), markCopies: async () => undefined },
        originalsOf: async () => {
          throw new Error("Connection is closed.");
        },
      },
      { maxSize: 1, maxWaitMs: 10 },
    );
    const error = await batcher.index(a!, null).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as IndexError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/will retry: Connection is closed/);
  });
});
