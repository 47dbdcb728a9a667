// A job that fails keeps its error in BullMQ's failed state, where an operator can list and retry it.
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFailed, retryFailed } from "../../../src/crawl/failed.ts";
import type { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { startArticleWorker } from "../../../workers/roles.ts";
import { type Harness, startHarness } from "./harness.ts";

let harness: Harness;
let runtime: CrawlRuntime;

beforeAll(async () => {
  harness = await startHarness("failed", { only: ["sggp"] });
  runtime = harness.runtime();
});

afterAll(async () => {
  await harness?.cleanup();
});

describe("failed crawl jobs", () => {
  it("keep their error and can be listed and retried", async () => {
    const worker = startArticleWorker(runtime, "http");
    const events = new QueueEvents("fetch", {
      connection: runtime.bullmq.duplicate(),
      prefix: harness.settings.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      // A payload that no longer matches the contract (a producer bug): it can never succeed.
      const job = await runtime.producers
        .queue("fetch")
        .add("fetch", { url: "not a url", source_id: "sggp/xa-hoi" }, { jobId: "broken-1" });
      await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/invalid fetch payload/);
      const failed = await listFailed(runtime);
      expect(failed).toEqual([
        expect.objectContaining({
          queue: "fetch",
          id: "broken-1",
          reason: expect.stringContaining("invalid fetch payload"),
        }),
      ]);
      await worker.pause();
      expect(await retryFailed(runtime)).toBe(1);
      expect(await runtime.producers.queue("fetch").getJobState("broken-1")).toBe("waiting");
    } finally {
      await worker.close();
      await events.close();
    }
  });
});
