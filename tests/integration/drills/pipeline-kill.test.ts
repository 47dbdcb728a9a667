// Drill: analyze/index worker processes killed in the middle of their batches.
//  1. SIGKILL mid-batch: after a new process starts, every article is in the index exactly once
//     (counted by id), the alerts stage got exactly one job per article, nothing failed, and the
//     interruption is visible in the queues' event streams (stalled jobs).
//  2. SIGTERM mid-batch: the process finishes what it holds and exits 0; another one finishes the
//     rest; again every article exactly once.

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueKeyPrefix } from "../../../src/config/env.ts";
import { Producers } from "../../../src/queue/contract.ts";
import { createSearchClient } from "../../../src/store/index.ts";
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

const FIRST = 600;
const SECOND = 400;
const prefix = uniqueName("drill-pipe");
const alias = `${prefix}-articles`;
const env = {
  REDIS_URL: services().redisUrl,
  OPENSEARCH_URL: services().openSearchUrl,
  INDEX_PREFIX: prefix,
  QUEUE_PREFIX: prefix,
};
const client = createSearchClient({ url: services().openSearchUrl });
const redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
const producers = new Producers(redis, queueKeyPrefix(prefix));
const procs: Proc[] = [];
const first = extractedArticles(FIRST, 91);
const second = extractedArticles(FIRST + SECOND, 91).slice(FIRST);

async function feed(articles: typeof first) {
  await producers.addBulk(
    "analyze",
    articles.map((payload) => ({ payload, jobId: payload.id })),
  );
}

async function counts() {
  const analyze = await producers
    .queue("analyze")
    .getJobCounts("waiting", "active", "delayed", "completed", "failed");
  const index = await producers
    .queue("index")
    .getJobCounts("waiting", "active", "delayed", "completed", "failed");
  return { analyze, index };
}

async function settled(expected: number): Promise<boolean> {
  const { analyze, index } = await counts();
  const pending = (c: Record<string, number>) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0);
  return analyze.completed === expected && pending(analyze) === 0 && pending(index) === 0;
}

afterAll(async () => {
  for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill("SIGKILL");
  await producers.close();
  redis.disconnect();
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true }).catch(() => undefined);
  await client.indices
    .deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] })
    .catch(() => undefined);
  await client.close();
  await deleteKeys(services().redisUrl, queueKeyPrefix(prefix));
});

describe("an analyze/index worker killed with SIGKILL mid-batch", () => {
  let killedAt = { indexed: 0, analyzed: 0 };

  beforeAll(async () => {
    const a = spawnPipelineWorker(env);
    procs.push(a);
    await a.ready;
    await feed(first);
    // The middle: some documents indexed, jobs in the dying process's hands. An analyze job ends
    // once its document is indexed (analyze and index are one job), so completed analyze jobs
    // count as indexed documents; the index queue serves documents queued by older versions.
    await until(
      async () => {
        const { analyze, index } = await counts();
        const indexed = (index.completed ?? 0) + (analyze.completed ?? 0);
        return indexed >= 100 && ((index.active ?? 0) > 0 || (analyze.active ?? 0) > 0);
      },
      120_000,
      20,
    );
    a.child.kill("SIGKILL");
    await a.exited;
    const { analyze, index } = await counts();
    killedAt = {
      indexed: (index.completed ?? 0) + (analyze.completed ?? 0),
      analyzed: analyze.completed ?? 0,
    };
    const b = spawnPipelineWorker(env);
    procs.push(b);
    await b.ready;
    // BullMQ gives a dead worker's jobs back once their locks expire (30 s by default).
    await until(() => settled(FIRST), 200_000);
  }, 330_000);

  it("was killed with work left", async () => {
    expect(await procs[0]!.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(killedAt.analyzed).toBeLessThan(FIRST);
  });

  it("loses nothing and duplicates nothing: every article indexed exactly once, by id", async () => {
    const ids = await indexedIds(client, alias);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.sort()).toEqual(first.map((a) => a.id).sort());
    // The alerts stage got exactly one job per article (its job id is the article id).
    const alerts = await producers
      .queue("alerts")
      .getJobs(["waiting", "delayed", "completed", "active"], 0, -1);
    expect(alerts.map((job) => job.id).sort()).toEqual(first.map((a) => a.id).sort());
    const { analyze, index } = await counts();
    expect({ analyze: analyze.failed, index: index.failed }).toEqual({ analyze: 0, index: 0 });
  });

  it("leaves the interruption visible: the killed process's jobs show as stalled", async () => {
    const stalled = (await queueEvents(redis, queueKeyPrefix(prefix), "analyze")).stalled ?? 0;
    const stalledIndex = (await queueEvents(redis, queueKeyPrefix(prefix), "index")).stalled ?? 0;
    console.log(
      `[drill] SIGKILL at ${killedAt.analyzed} analysed / ${killedAt.indexed} indexed; stalled events: analyze ${stalled}, index ${stalledIndex}`,
    );
    expect(stalled + stalledIndex).toBeGreaterThan(0);
  });
});

describe("an analyze/index worker stopped with SIGTERM mid-batch", () => {
  let activeAfterExit = -1;

  beforeAll(async () => {
    const b = procs[1]!;
    await feed(second);
    await until(
      async () => {
        const { analyze, index } = await counts();
        return (
          (analyze.completed ?? 0) >= FIRST + 50 && ((index.active ?? 0) > 0 || (analyze.active ?? 0) > 0)
        );
      },
      120_000,
      20,
    );
    b.child.kill("SIGTERM");
    await b.exited;
    const { analyze, index } = await counts();
    activeAfterExit = (analyze.active ?? 0) + (index.active ?? 0);
    const c = spawnPipelineWorker(env);
    procs.push(c);
    await c.ready;
    await until(() => settled(FIRST + SECOND), 200_000);
  }, 330_000);

  it("finishes the jobs in hand and exits 0, leaving none active", async () => {
    expect(await procs[1]!.exited).toEqual({ code: 0, signal: null });
    expect(procs[1]!.grep(/"stopping"/)).toHaveLength(1);
    expect(activeAfterExit).toBe(0);
  });

  it("loses nothing and duplicates nothing across the restart", async () => {
    const ids = await indexedIds(client, alias);
    expect(duplicates(ids)).toEqual([]);
    expect(ids.sort()).toEqual([...first, ...second].map((a) => a.id).sort());
    const { analyze, index } = await counts();
    expect({ analyze: analyze.failed, index: index.failed }).toEqual({ analyze: 0, index: 0 });
    procs[2]!.child.kill("SIGTERM");
    expect(await procs[2]!.exited).toEqual({ code: 0, signal: null });
  });
});
