// Crawl workers as real processes on the real Redis: two processes share the crawl politely, and a
// process killed with SIGKILL in the middle of a crawl loses nothing once another one starts.
// The JavaScript-rendered outlet is left out: its page's own sub-requests run in parallel inside
// one host slot, which is a browser's behaviour, not a second request slot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleJobResult } from "../../../src/crawl/articleJob.ts";
import { pendingJobs, queueDiscoveryOfAll, waitUntilIdle } from "../../../workers/crawlOnce.ts";
import type { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { OUTLET_SITES } from "../../fixtures/web/server.ts";
import { type Harness, maxInFlight, startHarness } from "./harness.ts";
import { spawnWorker, until, type WorkerProcess } from "./processes.ts";

const OUTLETS = OUTLET_SITES.map((site) => site.name).filter((name) => name !== "daibieu");
const CONCURRENCY: Record<string, number> = { vov: 2 };

async function expectEachArticleOnce(harness: Harness, runtime: CrawlRuntime) {
  const truth = harness.web.truth
    .filter((t) => OUTLETS.includes(t.site))
    .map((t) => t.url)
    .sort();
  const analyzed = (await harness.analyzed()).map((article) => article.canonical_url).sort();
  expect(analyzed).toEqual(truth);
  // Each article's fetch job completed exactly once with an article.
  const completed = await runtime.producers.queue("fetch").getJobs(["completed"], 0, -1);
  const collected = completed
    .map((job) => job.returnvalue as ArticleJobResult)
    .filter(
      (result): result is Extract<ArticleJobResult, { outcome: "article" }> => result?.outcome === "article",
    )
    .map((result) => result.url)
    .sort();
  expect(collected).toEqual(truth);
  for (const key of ["discover", "fetch"] as const)
    expect(await runtime.producers.queue(key).getJobCounts("failed")).toEqual({ failed: 0 });
}

describe("two worker processes", () => {
  let harness: Harness;
  let runtime: CrawlRuntime;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    harness = await startHarness("two-procs", { only: OUTLETS });
    runtime = harness.runtime();
    workers.push(spawnWorker(harness), spawnWorker(harness));
    await Promise.all(workers.map((worker) => worker.ready));
    await queueDiscoveryOfAll(runtime);
    await waitUntilIdle(runtime, { timeoutMs: 120_000 });
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await harness?.cleanup();
  });

  it("collect every article exactly once between them", async () => {
    await expectEachArticleOnce(harness, runtime);
    // Both processes did part of the work.
    for (const worker of workers) expect(worker.collected()).toBeGreaterThan(0);
  });

  it("never exceed a host's configured concurrency, robots.txt requests included", () => {
    for (const site of OUTLETS) {
      const requests = harness.web.requestsTo(site);
      expect(requests.length).toBeGreaterThan(0);
      expect({ site, max: maxInFlight(requests) }).toEqual({
        site,
        max: Math.min(maxInFlight(requests), CONCURRENCY[site] ?? 1),
      });
    }
  });

  it("honour robots.txt Crawl-delay between requests (Báo Kon Tum asks for 1 s)", () => {
    const requests = [...harness.web.requestsTo("baokontum")].sort((a, b) => a.start - b.start);
    expect(requests.filter((request) => request.path === "/robots.txt")).toHaveLength(1);
    const gaps = requests.slice(1).flatMap((request, i) => {
      const previous = requests[i]!;
      // The pause is known only once robots.txt has been read.
      return previous.path === "/robots.txt" ? [] : [request.start - previous.end!];
    });
    expect(gaps.length).toBeGreaterThanOrEqual(6);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it("never fetch a path robots.txt disallows", () => {
    expect(harness.web.requestsTo("krt").filter((request) => request.path.startsWith("/private/"))).toEqual(
      [],
    );
  });

  it("stop cleanly on SIGTERM", async () => {
    for (const worker of workers) worker.child.kill("SIGTERM");
    for (const worker of workers) expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});

describe("a worker killed with SIGKILL mid-crawl", () => {
  let harness: Harness;
  let runtime: CrawlRuntime;
  let collectedAtKill = 0;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    harness = await startHarness("sigkill", { only: OUTLETS });
    runtime = harness.runtime();
    const first = spawnWorker(harness);
    workers.push(first);
    await first.ready;
    await queueDiscoveryOfAll(runtime);
    const fetchQueue = runtime.producers.queue("fetch");
    // The middle of the crawl: some articles done, and a fetch in the dying process's hands.
    await until(async () => {
      const [analyzed, active] = [
        await runtime.producers.queue("analyze").count(),
        await fetchQueue.getActiveCount(),
      ];
      return analyzed >= 8 && active > 0;
    }, 90_000);
    first.child.kill("SIGKILL");
    await first.exited;
    collectedAtKill = await runtime.producers.queue("analyze").count();
    const second = spawnWorker(harness);
    workers.push(second);
    await second.ready;
    await waitUntilIdle(runtime, { timeoutMs: 120_000 });
  }, 240_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await harness?.cleanup();
  });

  it("was killed with work left", async () => {
    expect(await workers[0]!.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(collectedAtKill).toBeLessThan(harness.web.truth.filter((t) => OUTLETS.includes(t.site)).length);
    expect(workers[1]!.collected()).toBeGreaterThan(0);
  });

  it("loses nothing: after a restart every article is collected exactly once", async () => {
    expect(await pendingJobs(runtime)).toBe(0);
    await expectEachArticleOnce(harness, runtime);
  });
});
