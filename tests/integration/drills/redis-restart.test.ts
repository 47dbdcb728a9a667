// Drill: the Redis under a crawl (its own redis-server, append-only) stopped and started again in
// the middle of the crawl, with two crawl worker processes running. Afterwards every fixture
// article is collected exactly once, and the outage is visible in the workers' logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleJobResult } from "../../../src/crawl/articleJob.ts";
import { pendingJobs, queueDiscoveryOfAll, waitUntilIdle } from "../../../workers/crawlOnce.ts";
import type { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { OUTLET_SITES } from "../../fixtures/web/server.ts";
import { type Harness, startHarness } from "../crawl/harness.ts";
import { OwnRedis, type Proc, spawnCrawlWorker, until } from "./support.ts";

const OUTLETS = OUTLET_SITES.map((site) => site.name).filter((name) => name !== "daibieu");
const DOWN_MS = 5_000;

describe("Redis restarted mid-crawl (append-only persistence)", () => {
  let harness: Harness;
  let redis: OwnRedis;
  let runtime: CrawlRuntime;
  let analyzedAtStop = 0;
  const workers: Proc[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    harness = await startHarness("drill-redis", { only: OUTLETS });
    runtime = harness.runtime({ redis: { url: redis.url } });
    const options = {
      redisUrl: redis.url,
      prefix: harness.prefix,
      configDir: harness.configDir,
      dataDir: harness.dataDir,
    };
    workers.push(spawnCrawlWorker(options), spawnCrawlWorker(options));
    await Promise.all(workers.map((worker) => worker.ready));
    await queueDiscoveryOfAll(runtime);
    await until(
      async () => {
        const [analyzed, active] = [
          await runtime.producers.queue("analyze").count(),
          await runtime.producers.queue("fetch").getActiveCount(),
        ];
        return analyzed >= 8 && active > 0;
      },
      90_000,
      50,
    );
    analyzedAtStop = await runtime.producers.queue("analyze").count();
    await redis.down();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await redis.up();
    await waitUntilIdle(runtime, { timeoutMs: 240_000 });
  }, 330_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await harness?.cleanup();
    await redis?.down();
  });

  it("was stopped with work left", () => {
    const total = harness.web.truth.filter((t) => OUTLETS.includes(t.site)).length;
    console.log(`[drill] Redis stopped at ${analyzedAtStop}/${total} articles collected`);
    expect(analyzedAtStop).toBeLessThan(total);
  });

  it("loses nothing and duplicates nothing: every article collected exactly once", async () => {
    expect(await pendingJobs(runtime)).toBe(0);
    const truth = harness.web.truth
      .filter((t) => OUTLETS.includes(t.site))
      .map((t) => t.url)
      .sort();
    const analyzed = (await harness.analyzed()).map((article) => article.canonical_url).sort();
    expect(analyzed).toEqual(truth);
    const completed = await runtime.producers.queue("fetch").getJobs(["completed"], 0, -1);
    const collected = completed
      .map((job) => job.returnvalue as ArticleJobResult)
      .filter((r): r is Extract<ArticleJobResult, { outcome: "article" }> => r?.outcome === "article")
      .map((r) => r.url)
      .sort();
    expect(collected).toEqual(truth);
    const failed = await runtime.producers.queue("fetch").getJobs(["failed"], 0, -1);
    console.log(
      `[drill] fetch jobs failed for good: ${failed.map((job) => job.failedReason).join("; ") || "none"}`,
    );
    expect(failed).toHaveLength(0);
  });

  it("makes the outage visible in the workers' logs", () => {
    const errors = workers.flatMap((worker) =>
      worker.grep(/ECONNREFUSED|Connection is closed|worker error|ECONNRESET/),
    );
    console.log(
      `[drill] Redis outage lines in worker logs: ${errors.length}; first: ${errors[0]?.slice(0, 200)}`,
    );
    expect(errors.length).toBeGreaterThan(0);
  });
});
