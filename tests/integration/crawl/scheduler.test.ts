// Job schedulers on the real Redis follow the sources directory and the sources' health, and a
// running discover worker picks up a source added after it started.
import { unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterRun } from "../../../src/crawl/health.ts";
import type { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { scheduleOnce, startDiscoverWorker } from "../../../workers/roles.ts";
import { type Harness, startHarness } from "./harness.ts";

let harness: Harness;
let runtime: CrawlRuntime;

beforeAll(async () => {
  harness = await startHarness("scheduler", { only: ["vietnamplus", "sggp"] });
  runtime = harness.runtime();
});

afterAll(async () => {
  await harness?.cleanup();
});

const schedulers = async () =>
  new Map(
    (await runtime.producers.queue("discover").getJobSchedulers(0, -1)).map((s) => [s.key, s.every ?? 0]),
  );

describe("scheduling", () => {
  it("creates one jittered scheduler per enabled source", async () => {
    await scheduleOnce(runtime);
    const current = await schedulers();
    expect([...current.keys()].sort()).toEqual(["sggp/xa-hoi", "vietnamplus/xa-hoi"]);
    // vietnamplus polls every 5 minutes in its sources file: ±10% jitter.
    expect(current.get("vietnamplus/xa-hoi")).toBeGreaterThanOrEqual(270_000);
    expect(current.get("vietnamplus/xa-hoi")).toBeLessThanOrEqual(330_000);
  });

  it("backs a failing source off and says so in its health", async () => {
    const before = (await schedulers()).get("sggp/xa-hoi")!;
    for (let i = 0; i < 2; i++) {
      await runtime.health.update("sggp/xa-hoi", (h) =>
        afterRun(h, { ok: false, at: new Date(), kind: "http_status", message: "HTTP 503" }, 3),
      );
    }
    const report = await scheduleOnce(runtime);
    expect(report.upserted).toEqual(["sggp/xa-hoi"]);
    expect(Math.abs((await schedulers()).get("sggp/xa-hoi")! - before * 4)).toBeLessThanOrEqual(4);
    expect(await runtime.health.get("sggp/xa-hoi")).toMatchObject({
      state: "failing",
      consecutive_failures: 2,
    });
  });

  it("follows sources files added and removed, without restarting the worker", async () => {
    const worker = startDiscoverWorker(runtime);
    const events = new QueueEvents("discover", {
      connection: runtime.bullmq.duplicate(),
      prefix: harness.settings.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      const files = harness.web.sourceFiles({ only: ["dddn"] });
      await writeFile(join(harness.sourcesDir, "dddn.yaml"), files["dddn.yaml"]!);
      await unlink(join(harness.sourcesDir, "sggp.yaml"));
      const report = await scheduleOnce(runtime);
      expect(report.upserted).toEqual(["dddn/kinh-te"]);
      expect(report.removed).toEqual(["sggp/xa-hoi"]);
      // The scheduler's first run and this manual one may go in either order: between them the
      // five URLs are queued once, by whichever ran first.
      const job = await runtime.producers.add("discover", { source_id: "dddn/kinh-te", trigger: "manual" });
      expect(await job.waitUntilFinished(events, 30_000)).toMatchObject({ outcome: "ok", items: 5 });
      const fetchJobs = await runtime.producers
        .queue("fetch")
        .getJobs(["waiting", "delayed", "active"], 0, -1);
      expect(fetchJobs.filter((fetchJob) => fetchJob.data.source_id === "dddn/kinh-te")).toHaveLength(5);
    } finally {
      await worker.close();
      await events.close();
    }
  });
});
