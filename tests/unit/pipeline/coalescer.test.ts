import { describe, expect, it } from "vitest";
import { Coalescer } from "../../../src/pipeline/coalescer.ts";

describe("Coalescer", () => {
  it("sends the first call at once and the calls made meanwhile together, each with its own result", async () => {
    const batches: number[][] = [];
    const coalescer = new Coalescer<number, string>(async (items) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((n) => `r${n}`);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => coalescer.call(n)));
    expect(results).toEqual(["r1", "r2", "r3", "r4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every call of a failed batch and goes on with the next", async () => {
    let fail = true;
    const coalescer = new Coalescer<number, number>(async (items) => {
      if (fail) {
        fail = false;
        throw new Error("Connection is closed.");
      }
      return items;
    });
    const [first, second] = await Promise.allSettled([coalescer.call(1), coalescer.call(2)]);
    expect(first.status).toBe("rejected");
    expect(second).toEqual({ status: "fulfilled", value: 2 });
  });
});
