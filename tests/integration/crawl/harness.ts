/**
 * What every crawl integration test needs: the fixture web, a sources directory pointing at it, a
 * data directory, a unique queue prefix on the real Redis, a runtime with test-sized timeouts, and
 * a cleanup that removes all of it.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { pino } from "pino";
import { parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { type CrawlSettings, crawlSettings } from "../../../src/crawl/settings.ts";
import type { Logger } from "../../../src/log.ts";
import type { ExtractedArticle } from "../../../src/model/article.ts";
import { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { type FixtureWeb, startFixtureWeb } from "../../fixtures/web/server.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

export interface Harness {
  web: FixtureWeb;
  root: string;
  configDir: string;
  sourcesDir: string;
  dataDir: string;
  prefix: string;
  settings: CrawlSettings;
  /** A crawl runtime on the harness settings; silent unless given a logger. */
  runtime(overrides?: Partial<CrawlSettings>, logger?: Logger): CrawlRuntime;
  analyzed(): Promise<ExtractedArticle[]>;
  cleanup(): Promise<void>;
}

/** Small enough that hostile hosts fail fast, large enough for two loaded cores. */
export const TEST_TUNING = {
  fetchTimeoutMs: 4000,
  lockMs: 4000,
  stalledMs: 1000,
  leaseMs: 3000,
};

export async function startHarness(label: string, options: { only?: string[] } = {}): Promise<Harness> {
  const web = await startFixtureWeb();
  const root = await mkdtemp(join(tmpdir(), `presswatch-${label}-`));
  const configDir = join(root, "config");
  const sourcesDir = join(configDir, "sources");
  const dataDir = join(root, "data");
  await mkdir(sourcesDir, { recursive: true });
  await web.writeSources(sourcesDir, options.only ? { only: options.only } : {});
  const prefix = uniqueName(label);
  const base = crawlSettings(
    parseEnv({ REDIS_URL: services().redisUrl, CHROMIUM_PATH: services().chromiumPath }),
  );
  const settings: CrawlSettings = {
    ...base,
    // These tests read the archived pages from disk; the OpenSearch store has its own test
    // (tests/integration/store/snapshots.test.ts).
    snapshots: { ...base.snapshots, kind: "files" },
    // As a worker process reads QUEUE_PREFIX: hash-tagged, so this runtime and the spawned
    // workers share the queues.
    queuePrefix: queueKeyPrefix(prefix),
    sourcesDir,
    sourcesCheckMs: 0,
    dataDir,
    fetchLimits: { totalTimeoutMs: TEST_TUNING.fetchTimeoutMs },
    quickRetries: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1000 },
    leaseTtlMs: TEST_TUNING.leaseMs,
  };
  const runtimes: CrawlRuntime[] = [];
  const admin = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
  return {
    web,
    root,
    configDir,
    sourcesDir,
    dataDir,
    prefix,
    settings,
    runtime: (overrides = {}, logger = pino({ level: "silent" })) => {
      const runtime = new CrawlRuntime({ ...settings, ...overrides }, logger);
      runtimes.push(runtime);
      return runtime;
    },
    analyzed: async () => {
      const probe = runtimes[0] ?? new CrawlRuntime(settings, pino({ level: "silent" }));
      if (!runtimes.includes(probe)) runtimes.push(probe);
      const jobs = await probe.producers
        .queue("analyze")
        .getJobs(["waiting", "active", "completed", "failed", "delayed"], 0, -1);
      return jobs.map((job) => job.data as ExtractedArticle);
    },
    cleanup: async () => {
      for (const runtime of runtimes) await runtime.close();
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${queueKeyPrefix(prefix)}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length) await admin.del(...keys);
      } while (cursor !== "0");
      admin.disconnect();
      await web.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The largest number of requests a site had in flight at once, from the server's own log. */
export function maxInFlight(requests: Array<{ start: number; end: number | null }>): number {
  const events = requests.flatMap((request) => [
    { at: request.start, delta: 1 },
    { at: request.end ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  // At equal times the end comes first: a request that finished as another arrived did not overlap.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const event of events) {
    current += event.delta;
    max = Math.max(max, current);
  }
  return max;
}
