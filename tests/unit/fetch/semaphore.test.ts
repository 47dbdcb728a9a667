import { describe, expect, it } from "vitest";
import { Semaphore } from "../../../src/fetch/semaphore.ts";

describe("Semaphore", () => {
  it("never lends more than its size and serves waiters in order", async () => {
    const pool = new Semaphore(2);
    const order: number[] = [];
    const first = await pool.acquire();
    const second = await pool.acquire();
    const waiters = [3, 4].map((n) =>
      pool.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect(pool.inUse).toBe(2);
    first();
    first(); // a second release of the same slot is ignored
    const third = await waiters[0]!;
    expect(pool.inUse).toBe(2);
    second();
    (await waiters[1]!)();
    third();
    expect(order).toEqual([3, 4]);
    expect(pool.inUse).toBe(0);
  });

  it("stops waiting when the signal aborts", async () => {
    const pool = new Semaphore(1);
    await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort(new Error("job cancelled"));
    await expect(waiting).rejects.toThrow("job cancelled");
  });
});
