import { afterEach, describe, expect, it, vi } from "vitest";
import { Batcher } from "../../../src/pipeline/batcher.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("Batcher", () => {
  it("flushes as soon as the batch is full", async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, string>({
      maxSize: 3,
      maxWaitMs: 60_000,
      flush: async (items) => {
        batches.push(items);
        return items.map((n) => `ok ${n}`);
      },
    });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(results).toEqual(["ok 1", "ok 2", "ok 3"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("flushes a partial batch after the wait", async () => {
    vi.useFakeTimers();
    const flush = vi.fn(async (items: string[]) => items.map((s) => s.length));
    const batcher = new Batcher({ maxSize: 100, maxWaitMs: 500, flush });
    const pending = Promise.all([batcher.add("Kon"), batcher.add("Tum")]);
    await vi.advanceTimersByTimeAsync(499);
    expect(flush).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual([3, 3]);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it("rejects every item of a batch whose flush failed, and keeps working", async () => {
    let fail = true;
    const batcher = new Batcher<number, number>({
      maxSize: 2,
      maxWaitMs: 10,
      flush: async (items) => {
        if (fail) throw new Error("node unavailable");
        return items;
      },
    });
    const outcomes = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await Promise.all([batcher.add(3), batcher.add(4)])).toEqual([3, 4]);
  });

  it("drain sends what is waiting and waits for it", async () => {
    const flushed: number[] = [];
    const batcher = new Batcher<number, number>({
      maxSize: 10,
      maxWaitMs: 60_000,
      flush: async (items) => {
        await new Promise((r) => setTimeout(r, 20));
        flushed.push(...items);
        return items;
      },
    });
    const pending = batcher.add(7);
    await batcher.drain();
    expect(flushed).toEqual([7]);
    expect(await pending).toBe(7);
  });
});
