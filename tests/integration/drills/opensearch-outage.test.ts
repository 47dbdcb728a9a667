// Drill: OpenSearch (a node of the drill's own, on its own port and data directory) stopped for
// 60 s in the middle of an ingest by an analyze/index worker process, with articles still arriving
// during the outage. The analyze jobs (which index their documents in the same job) retry with
// backoff and lose nothing; every article is in the index exactly once afterwards; the outage is
// visible as delayed jobs and as "job failed" lines in the worker's log while it lasts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { Producers } from "../../../src/queue/contract.ts";
import { createSearchClient } from "../../../src/store/index.ts";
import { openSearchDown, openSearchUp } from "../../../tools/services/opensearch.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import {
  deleteKeys,
  duplicates,
  extractedArticles,
  indexedIds,
  type Proc,
  queueEvents,
  spawnPipelineWorker,
  until,
} from "./support.ts";

const OUTAGE_MS = 60_000;
const BEFORE = 300;
const DURING = 300;
const PORT = 9271;
const prefix = uniqueName("drill-os");
const alias = `${prefix}-articles`;
const url = `http://127.0.0.1:${PORT}`;
const java = parseEnv();
const redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
const producers = new Producers(redis, queueKeyPrefix(prefix));
const client = createSearchClient({ url, requestTimeoutMs: 30_000 });
const articles = extractedArticles(BEFORE + DURING, 73);
let dataDir = "";
let worker: Proc;
const during = { delayedMax: 0, failedLines: 0, events: {} as Record<string, number> };

async function node(up: boolean) {
  if (up) await openSearchUp({ dataDir, port: PORT, heap: "512m", java, startTimeoutMs: 240_000 });
  else await openSearchDown(dataDir);
}

/** Jobs not finished on both queues (the index queue serves documents of earlier versions only). */
async function indexPending() {
  let pending = 0;
  for (const key of ["analyze", "index"] as const) {
    const c = await producers.queue(key).getJobCounts("waiting", "active", "delayed");
    pending += (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0);
  }
  return pending;
}

describe("OpenSearch stopped for 60 s mid-ingest", () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "presswatch-drill-os-"));
    await node(true);
    worker = spawnPipelineWorker({
      REDIS_URL: services().redisUrl,
      OPENSEARCH_URL: url,
      INDEX_PREFIX: prefix,
      QUEUE_PREFIX: prefix,
    });
    await worker.ready;
    const feed = (list: typeof articles) =>
      producers.addBulk(
        "analyze",
        list.map((payload) => ({ payload, jobId: payload.id })),
      );
    await feed(articles.slice(0, BEFORE));
    await until(
      // An analyze job completes once its document is indexed.
      async () => ((await producers.queue("analyze").getJobCounts("completed")).completed ?? 0) >= 50,
      120_000,
      50,
    );
    await node(false);
    const stoppedAt = Date.now();
    await feed(articles.slice(BEFORE));
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      const c = await producers.queue("analyze").getJobCounts("delayed");
      during.delayedMax = Math.max(during.delayedMax, c.delayed ?? 0);
      await sleep(1000);
    }
    during.failedLines = worker.grep(/"job failed"/).length;
    during.events = await queueEvents(redis, queueKeyPrefix(prefix), "analyze");
    await node(true);
    await until(
      async () => {
        const a = await producers.queue("analyze").getJobCounts("completed");
        return a.completed === BEFORE + DURING && (await indexPending()) === 0;
      },
      300_000,
      500,
    );
  }, 900_000);

  afterAll(async () => {
    worker?.child.kill("SIGTERM");
    await worker?.exited;
    await producers.close();
    redis.disconnect();
    await client.close();
    if (dataDir) {
      await openSearchDown(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    }
    await deleteKeys(services().redisUrl, queueKeyPrefix(prefix));
  }, 120_000);

  it("made the outage visible while it lasted: delayed jobs and failed attempts in the log", () => {
    console.log(
      `[drill] during the outage: up to ${during.delayedMax} analyze jobs delayed, ${during.failedLines} "job failed" log lines, analyze events ${JSON.stringify(during.events)}`,
    );
    expect(during.delayedMax).toBeGreaterThan(0);
    expect(during.failedLines).toBeGreaterThan(0);
    expect(during.events.retried ?? during.events.delayed ?? during.events.failed ?? 0).toBeGreaterThan(0);
  });

  it("loses nothing and duplicates nothing: every article indexed exactly once, by id", async () => {
    const ids = await indexedIds(client, alias);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.sort()).toEqual(articles.map((a) => a.id).sort());
    for (const key of ["analyze", "index"] as const)
      expect((await producers.queue(key).getJobCounts("failed")).failed ?? 0).toBe(0);
    const alerts = await producers
      .queue("alerts")
      .getJobs(["waiting", "delayed", "completed", "active"], 0, -1);
    expect(alerts.map((job) => job.id).sort()).toEqual(articles.map((a) => a.id).sort());
  });
});
