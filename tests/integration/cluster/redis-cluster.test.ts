// Presswatch on a real Redis Cluster (three masters from Debian's redis-server, append-only, on
// ports 7000-7002; tests/helpers/redisCluster.ts), reached through REDIS_CLUSTER_NODES as a
// deployment would: a BullMQ round trip under the hash-tagged prefix; the analyze, index and
// alerts workers on the copies scenario and on a false claim repeated by three sites (families,
// story terms, story and spike states, the alert ledger); a crawl of two fixture outlets (host
// slots, seen URLs, health, robots); the backup's dump and restore. Then every key is in the
// prefix's one slot on one master, no job failed and no log line says CROSSSLOT.
import { Queue, QueueEvents, Worker } from "bullmq";
import { Cluster } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DetectorState, parseDetectorState } from "../../../src/detect/detector.ts";
import { createStateStore } from "../../../src/detect/redisState.ts";
import type { Alert } from "../../../src/model/alert.ts";
import { createRedis, type RedisClient, redisTarget } from "../../../src/queue/connection.ts";
import { FailedJobs, QUEUE_KEYS } from "../../../src/queue/failedJobs.ts";
import {
  countKeys,
  deleteKeys,
  dumpKeys,
  type RedisEntry,
  restoreKeys,
} from "../../../src/queue/redisDump.ts";
import { keyspaceNodes } from "../../../src/queue/scanKeys.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { createSearchClient } from "../../../src/store/index.ts";
import { crawlOnce } from "../../../workers/crawlOnce.ts";
import { detectStatePrefixes } from "../../../workers/pipelineRuntime.ts";
import { startRoles } from "../../../workers/roles.ts";
import { extracted, RUMOUR } from "../../fixtures/alerts/stream.ts";
import { isolatedEnv, removeIsolated } from "../../helpers/isolation.ts";
import { OwnRedisCluster } from "../../helpers/redisCluster.ts";
import { until } from "../../helpers/until.ts";
import { type Harness, startHarness } from "../crawl/harness.ts";
import { analyseCopiesOnce } from "../pipeline/copiesScenario.ts";

const OUTLETS = ["baokontum", "vov"];

let cluster: OwnRedisCluster;
let setup: ReturnType<typeof isolatedEnv>;
let redis: RedisClient;
let running: Awaited<ReturnType<typeof startRoles>>;
let stopped: Promise<void> | undefined;
/** Stops the workers once (the last test needs them stopped, afterAll in any case). */
const stopWorkers = () => (stopped ??= running?.stop() ?? Promise.resolve());
let harness: Harness;
/** Every log line of the workers and the crawl, as pino wrote it (JSON). */
const logLines: string[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  cluster = await OwnRedisCluster.start();
  setup = isolatedEnv("rcluster", { REDIS_CLUSTER_NODES: cluster.nodes });
  redis = createRedis(redisTarget(setup.env), "commands", "rcluster-test");
  running = await startRoles(["analyze", "index", "alerts"], {
    env: setup.env,
    logger,
    hooks: { notify: async () => undefined },
  });
  harness = await startHarness("rcluster-crawl", { only: OUTLETS });
}, 60_000);

afterAll(async () => {
  await stopWorkers();
  await harness?.cleanup();
  if (setup) await removeIsolated(setup.env, setup.prefix);
  redis?.disconnect();
  await cluster?.stop();
});

/** Every key under the test's prefix, by the master that holds it. */
async function keysByMaster(): Promise<Map<string, string[]>> {
  const byMaster = new Map<string, string[]>();
  for (const node of await keyspaceNodes(redis)) {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await node.scan(cursor, "MATCH", `${setup.env.QUEUE_PREFIX}:*`, "COUNT", 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    if (keys.length) byMaster.set(`${node.options.host}:${node.options.port}`, keys);
  }
  return byMaster;
}

describe("Presswatch on a 3-master Redis Cluster", { timeout: 60_000 }, () => {
  it("connects through REDIS_CLUSTER_NODES to a cluster of three masters", async () => {
    expect(setup.env.REDIS_CLUSTER_NODES?.nodes).toHaveLength(3);
    expect(redis).toBeInstanceOf(Cluster);
    const masters = await keyspaceNodes(redis);
    expect(masters.map((node) => node.options.port).sort()).toEqual([7000, 7001, 7002]);
    const info = String(await (redis as Cluster).cluster("INFO"));
    expect(info).toMatch(/cluster_state:ok/);
    expect(info).toMatch(/cluster_size:3/);
  });

  it("runs a BullMQ job under the hash-tagged prefix and returns its result", async () => {
    const target = redisTarget(setup.env);
    // BullMQ leaves a connection it was given open: these are closed here.
    const [forQueue, forEvents, forWorker] = [1, 2, 3].map(() => createRedis(target, "bullmq"));
    const prefix = setup.env.QUEUE_PREFIX;
    const queue = new Queue("roundtrip", { connection: forQueue!, prefix });
    // From the stream's start, so that a job finished before the events' blocking connection
    // issues its first read still reports.
    const events = new QueueEvents("roundtrip", { connection: forEvents!, prefix, lastEventId: "0-0" });
    const worker = new Worker(
      "roundtrip",
      async (job) => ({ echoed: String(job.data.title).toUpperCase() }),
      {
        connection: forWorker!,
        prefix,
      },
    );
    try {
      await events.waitUntilReady();
      const job = await queue.add("echo", { title: "Kon Tum" });
      // A timeout says whether the job ran (an event missed) or not (no worker took it).
      const result = await job.waitUntilFinished(events, 20_000).catch(async (error: Error) => {
        throw new Error(`${error.message}; the job is ${await job.getState()}`);
      });
      expect(result).toEqual({ echoed: "KON TUM" });
      expect(await queue.getJobCounts("completed", "failed")).toEqual({ completed: 1, failed: 0 });
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
      for (const connection of [forQueue, forEvents, forWorker]) connection!.disconnect();
    }
  });

  it("analyses, groups copies and indexes each article once", async () => {
    await analyseCopiesOnce(running.pipeline!);
  });

  it("raises the claim alert for a false claim repeated by three sites, with the detector states in Redis", async () => {
    const { producers } = running.pipeline!;
    const sent = RUMOUR.map((article) => extracted(article, new Date()));
    for (const doc of sent) await producers.add("analyze", doc, { jobId: doc.id });
    const client = createSearchClient({ url: setup.env.OPENSEARCH_URL });
    const alerts = createAlertStore(client, { prefix: setup.prefix });
    const isClaim = (alert: Alert) => alert.kind === "rumour" && alert.scope.claim_id === "dam-break-alarm";
    try {
      const stored = await until(
        async () => {
          await client.indices.refresh({ index: alerts.index }, { ignore: [404] });
          return alerts.list({ size: 100 });
        },
        (list) => list.some(isClaim),
      );
      expect(stored.filter(isClaim)).toHaveLength(1);
    } finally {
      await client.close();
    }
    const alertsQueue = producers.queue("alerts");
    const counts = await until(
      () => alertsQueue.getJobCounts("completed", "failed", "waiting", "active", "delayed"),
      (c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0 && (c.completed ?? 0) > 0,
    );
    expect(counts.failed).toBe(0);

    // The flagged articles of sites outside the plan count in one spike series.
    const spikes = createStateStore<DetectorState>(redis, {
      prefix: detectStatePrefixes(setup.env.QUEUE_PREFIX).spike,
      parse: (json) => parseDetectorState(json),
    });
    const state = await spikes.get("outlet_kind:other:flagged");
    expect(state.bucket).not.toBeNull();
    expect(state.ids.length).toBeGreaterThan(0);
    expect(sent.map((doc) => doc.id)).toEqual(expect.arrayContaining(state.ids));
  });

  it("crawls two outlets, each article collected once", async () => {
    const runtime = harness.runtime(
      { redis: redisTarget(setup.env), queuePrefix: setup.env.QUEUE_PREFIX },
      logger,
    );
    const summary = await crawlOnce(runtime, { timeoutMs: 40_000 });
    const truth = harness.web.truth.filter((t) => OUTLETS.includes(t.site));
    expect(truth.length).toBeGreaterThan(0);
    const analyze = await runtime.producers
      .queue("analyze")
      .getJobs(["waiting", "completed", "active"], 0, -1);
    const crawled = analyze
      .map((job) => job.data.canonical_url as string)
      .filter((url) => truth.some((t) => t.url === url));
    expect(crawled.sort()).toEqual(truth.map((t) => t.url).sort());
    expect(summary.sources.length).toBeGreaterThan(0);
    expect(summary.sources.filter((source) => source.state !== "ok" || source.last_error !== null)).toEqual(
      [],
    );
  });

  it("keeps every key in the prefix's one slot, on one master, with no job failed and no CROSSSLOT", async () => {
    const byMaster = await keysByMaster();
    expect(byMaster.size).toBe(1);
    const [keys] = [...byMaster.values()];
    const slot = Number(await (redis as Cluster).cluster("KEYSLOT", setup.env.QUEUE_PREFIX));
    const slots = new Set(
      await Promise.all(keys!.map(async (key) => Number(await (redis as Cluster).cluster("KEYSLOT", key)))),
    );
    expect([...slots]).toEqual([slot]);
    // ...and that master is the one the cluster gives the slot to.
    const ranges = (await (redis as Cluster).cluster("SLOTS")) as unknown as Array<
      [number, number, [string, number]]
    >;
    const owner = ranges.find(([from, to]) => from <= slot && slot <= to)?.[2];
    expect([...byMaster.keys()]).toEqual([`${owner?.[0]}:${owner?.[1]}`]);
    console.log(
      `${keys!.length} keys under ${setup.env.QUEUE_PREFIX}, all in slot ${slot} on ${owner?.[0]}:${owner?.[1]}`,
    );
    // What each part of Presswatch keeps there, so the check covers them all.
    const prefix = setup.env.QUEUE_PREFIX;
    for (const part of [
      "analyze",
      "index",
      "alerts",
      "fetch",
      "discover",
      "fam",
      "story:term",
      "story:card",
      "detect:spike",
      "detect:story",
      "crawl",
    ])
      expect(
        keys!.some((key) => key.startsWith(`${prefix}:${part}:`)),
        part,
      ).toBe(true);

    const failed = await new FailedJobs(redis, prefix).counts();
    expect(failed.filter((queue) => queue.failed > 0)).toEqual([]);
    expect(failed.map((queue) => queue.queue).sort()).toEqual([...QUEUE_KEYS].sort());
    const levels = logLines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logLines.filter((line) => /CROSSSLOT|same slot/i.test(line))).toEqual([]);
    // Not even a warning: a lost node or a refused command would log one.
    expect(levels.filter((entry) => entry.level >= 40)).toEqual([]);
  });

  it("dumps the keys, deletes them and restores them, the backup's way", async () => {
    // As `presswatch restore` wants it: no worker writing meanwhile.
    await stopWorkers();
    const prefix = setup.env.QUEUE_PREFIX;
    const before = await countKeys(redis, prefix);
    const dumped: RedisEntry[] = [];
    for await (const batch of dumpKeys(redis, prefix, 100)) dumped.push(...batch);
    expect(dumped.length).toBe(before);
    expect(await deleteKeys(redis, prefix)).toBe(before);
    expect(await countKeys(redis, prefix)).toBe(0);
    let restored = 0;
    for (let i = 0; i < dumped.length; i += 100)
      restored += await restoreKeys(redis, dumped.slice(i, i + 100));
    expect(restored).toBe(before);
    expect(await countKeys(redis, prefix)).toBe(before);
  });
});
