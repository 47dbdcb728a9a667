// The queue contract's consumer: validation on take and the one mapping of outcomes to BullMQ.
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { HttpStatusError, RobotsDisallowedError } from "../../../src/model/errors.ts";
import { articleId, consume, DelayRequest, QUEUES } from "../../../src/queue/contract.ts";

function fakeJob(data: unknown) {
  const delayed: number[] = [];
  const job = {
    id: "1",
    data,
    moveToDelayed: async (timestamp: number) => void delayed.push(timestamp),
  } as unknown as Job;
  return { job, delayed };
}

const payload = { source_id: "bao/rss" };

describe("consume", () => {
  it("validates the payload on take and applies defaults", async () => {
    let seen: unknown;
    const processor = consume("discover", async (data) => {
      seen = data;
      return "done";
    });
    expect(await processor(fakeJob(payload).job, "token")).toBe("done");
    expect(seen).toEqual({ source_id: "bao/rss", trigger: "schedule" });
    await expect(processor(fakeJob({ source: 1 }).job, "token")).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it("delays the job without spending an attempt on DelayRequest", async () => {
    const { job, delayed } = fakeJob(payload);
    const processor = consume("discover", async () => {
      throw new DelayRequest(1500, "host busy");
    });
    const before = Date.now();
    await expect(processor(job, "token")).rejects.toBeInstanceOf(DelayedError);
    expect(delayed[0]).toBeGreaterThanOrEqual(before + 1500);
  });

  it("fails non-retryable crawl errors for good and lets retryable ones and bugs through", async () => {
    const failWith = (error: Error) =>
      consume("discover", async () => {
        throw error;
      })(fakeJob(payload).job, "token");
    await expect(failWith(new RobotsDisallowedError("https://x.vn/a"))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    await expect(failWith(new HttpStatusError("https://x.vn/a", 503))).rejects.toBeInstanceOf(
      HttpStatusError,
    );
    const bug = new TypeError("undefined is not a function");
    await expect(failWith(bug)).rejects.toBe(bug);
  });
});

describe("queue contract", () => {
  it("defines article ids as the first 32 hex characters of sha256(canonical URL)", () => {
    expect(articleId("https://baokontum.com.vn/a.html")).toMatch(/^[0-9a-f]{32}$/);
    expect(articleId("https://baokontum.com.vn/a.html")).toBe(articleId("https://baokontum.com.vn/a.html"));
  });

  it("gives every queue a retry policy", () => {
    for (const queue of Object.values(QUEUES)) expect(queue.jobOptions.attempts).toBeGreaterThanOrEqual(2);
  });
});
