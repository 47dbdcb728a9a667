// Drill: a 3-node OpenSearch cluster on this machine (three processes of the drill's own, ports
// 9211-9213, data under data/drills/ of the checkout), the article indices with 2 shards and one
// replica each, three analyze/index worker processes ingesting with the whole cluster in their
// OPENSEARCH_URL, and the node that is cluster manager stopped mid-ingest and started again. It
// ends with every article indexed exactly once and the cluster green. While the node is down the
// health of every index is sampled each second: yellow is allowed (a copy is missing), red (a shard
// with no copy left) is not, since every index has one replica.
//
//   npx vitest run --project drills cluster
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { Producers } from "../../../src/queue/contract.ts";
import { createSearchClient } from "../../../src/store/index.ts";
import { articleIndexFor } from "../../../src/store/indexArticles.ts";
import { openSearchDown, openSearchUp } from "../../../tools/services/opensearch.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { explainRed, type Health, indexHealth, shardTable, WorstHealth } from "./clusterHealth.ts";
import {
  deleteKeys,
  duplicates,
  extractedArticles,
  indexedDocs,
  type Proc,
  spawnPipelineWorker,
  until,
} from "./support.ts";

const NODES = [1, 2, 3].map((n) => ({ name: `n${n}`, http: 9210 + n, transport: 9310 + n }));
const URLS = NODES.map((node) => `http://127.0.0.1:${node.http}`);
const BEFORE = 600;
const DURING = 600;
const DOWN_MS = 30_000;
const root = join(import.meta.dirname, "../../../data/drills", uniqueName("cluster"));
const prefix = uniqueName("drill-cluster");
const alias = `${prefix}-articles`;
const java = parseEnv();
const redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
const producers = new Producers(redis, queueKeyPrefix(prefix));
const client = createSearchClient({ url: URLS.join(","), requestTimeoutMs: 60_000 });
const articles = extractedArticles(BEFORE + DURING, 97);
const workers: Proc[] = [];
const pattern = `${alias}-v*`;
const outcome = {
  stopped: "",
  /** Copies of the article shards not yet started when the node was stopped, and the indices they belong to. */
  notStartedAtStop: [] as string[],
  indicesAtStop: [] as string[],
  during: new WorstHealth(),
  /** For each index that went red: its replica setting, its age at the stop, the allocation explanation. */
  redEvidence: [] as string[],
  healthAfter: "",
  indexHealthAfter: new Map<string, Health>(),
  nodesAfter: 0,
};

function node(n: (typeof NODES)[number]) {
  return openSearchUp({
    dataDir: join(root, n.name),
    port: n.http,
    heap: "512m",
    java,
    startTimeoutMs: 300_000,
    cluster: {
      name: prefix,
      node: n.name,
      transportPort: n.transport,
      seedHosts: NODES.map((other) => `127.0.0.1:${other.transport}`),
      initialManagers: NODES.map((other) => other.name),
    },
  });
}

async function health(): Promise<{ status: string; number_of_nodes: number }> {
  const response = await client.cluster.health({ timeout: "10s" });
  return response.body as { status: string; number_of_nodes: number };
}

async function pending(): Promise<number> {
  const [a, i] = await Promise.all([
    producers.queue("analyze").getJobCounts("waiting", "active", "delayed"),
    producers.queue("index").getJobCounts("waiting", "active", "delayed"),
  ]);
  return Object.values(a).reduce((x, y) => x + y, 0) + Object.values(i).reduce((x, y) => x + y, 0);
}

const feed = (list: typeof articles) =>
  producers.addBulk(
    "analyze",
    list.map((payload) => ({ payload, jobId: payload.id })),
  );

describe("a 3-node cluster losing its cluster manager mid-ingest", () => {
  beforeAll(async () => {
    await mkdir(root, { recursive: true });
    // All three at once: none is ready before the others have joined and elected a manager.
    await Promise.all(NODES.map(node));
    await until(async () => (await health()).number_of_nodes === 3, 120_000, 500);
    const env = {
      REDIS_URL: services().redisUrl,
      OPENSEARCH_URL: URLS.join(","),
      INDEX_PREFIX: prefix,
      QUEUE_PREFIX: prefix,
      OPENSEARCH_SHARDS: "2",
      OPENSEARCH_REPLICAS: "1",
    };
    for (let w = 0; w < 3; w++) workers.push(spawnPipelineWorker(env));
    await Promise.all(workers.map((worker) => worker.ready));

    await feed(articles.slice(0, BEFORE));
    // An analyze job completes once its document is indexed (one job since the analyze and index
    // stages merged; the index queue only takes jobs left by an earlier version).
    await until(
      async () => ((await producers.queue("analyze").getJobCounts("completed")).completed ?? 0) >= 150,
      300_000,
      100,
    );
    const manager = await client.cat.clusterManager({ format: "json" });
    outcome.stopped = String((manager.body as Array<{ node: string }>)[0]?.node);
    const victim = NODES.find((n) => n.name === outcome.stopped) ?? NODES[0]!;
    const shards = await shardTable(client, pattern);
    outcome.indicesAtStop = [...new Set(shards.map((row) => row.index))];
    outcome.notStartedAtStop = shards
      .filter((row) => row.state !== "STARTED")
      .map((row) => `${row.index}/${row.shard}${row.prirep} ${row.state} on ${row.node ?? "-"}`);
    await openSearchDown(join(root, victim.name));
    const stoppedAt = Date.now();
    await feed(articles.slice(BEFORE));
    while (Date.now() - stoppedAt < DOWN_MS) {
      for (const index of await outcome.during.sample(client, pattern))
        outcome.redEvidence.push(...(await explainRed(client, index, stoppedAt)));
      await sleep(1000);
    }
    await node(victim);
    await until(async () => (await pending()) === 0, 600_000, 500);
    await client.cluster
      .health({ wait_for_status: "green", wait_for_nodes: "3", timeout: "240s" })
      .catch(() => undefined);
    const after = await health();
    outcome.healthAfter = after.status;
    outcome.nodesAfter = after.number_of_nodes;
    outcome.indexHealthAfter = await indexHealth(client, pattern);
  }, 1_500_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
    await producers.close();
    redis.disconnect();
    await client.close();
    await Promise.all(NODES.map((n) => openSearchDown(join(root, n.name))));
    await rm(root, { recursive: true, force: true });
    await deleteKeys(services().redisUrl, queueKeyPrefix(prefix));
  }, 180_000);

  it("ends with every article indexed exactly once, no index red while the node was down, the cluster green", async () => {
    const docs = await indexedDocs(client, alias);
    const ids = docs.map((doc) => doc.id);
    const expected = articles.map((a) => a.id);
    const present = new Set(ids);
    const lost = expected.filter((id) => !present.has(id));
    const twice = duplicates(ids);
    const rows = outcomeRows(docs);
    const red = [...outcome.during.worst].filter(([, health]) => health === "red").map(([index]) => index);
    console.log(
      [
        `[drill] cluster of 3 nodes, ${outcome.indexHealthAfter.size} monthly indices (2 shards, 1 replica), 3 worker processes; stopped ${outcome.stopped} (cluster manager) for ${DOWN_MS / 1000} s mid-ingest`,
        `[drill] shard copies not started at the stop: ${outcome.notStartedAtStop.length ? outcome.notStartedAtStop.join("; ") : "none"}`,
        `[drill] health sampled ${outcome.during.samples} times while down (${outcome.during.unreadable} unanswered during the election); after: ${outcome.healthAfter}, ${outcome.nodesAfter} nodes`,
        ...outcome.redEvidence.map((line) => `[drill] red: ${line}`),
        ...table(rows),
      ].join("\n"),
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(ids.length).toBe(expected.length);
    for (const queue of ["analyze", "index"] as const)
      expect((await producers.queue(queue).getJobCounts("failed")).failed).toBe(0);
    // Every index that existed at the stop was seen while the node was down, and the outage showed
    // (some index yellow): a watch that saw nothing would let a red pass.
    expect(outcome.indicesAtStop.filter((index) => !outcome.during.worst.has(index))).toEqual([]);
    expect([...outcome.during.worst.values()]).toContain("yellow");
    expect(red).toEqual([]);
    expect(outcome).toMatchObject({ healthAfter: "green", nodesAfter: 3 });
  });
});

interface OutcomeRow {
  index: string;
  expected: number;
  once: number;
  lost: number;
  duplicated: number;
  during: string;
  after: string;
}

/** Per monthly index: the articles that belong there (by the product's routing) against what is there. */
function outcomeRows(docs: Array<{ id: string; index: string }>): OutcomeRow[] {
  const byIndex = new Map<string, string[]>();
  for (const doc of docs) byIndex.set(doc.index, [...(byIndex.get(doc.index) ?? []), doc.id]);
  const expectedBy = new Map<string, string[]>();
  for (const article of articles) {
    const index = articleIndexFor(prefix, article);
    expectedBy.set(index, [...(expectedBy.get(index) ?? []), article.id]);
  }
  const indices = [
    ...new Set([...expectedBy.keys(), ...byIndex.keys(), ...outcome.indexHealthAfter.keys()]),
  ].sort();
  return indices.map((index) => {
    const want = expectedBy.get(index) ?? [];
    const have = byIndex.get(index) ?? [];
    const counts = new Map<string, number>();
    for (const id of have) counts.set(id, (counts.get(id) ?? 0) + 1);
    return {
      index: index.slice(alias.length + 1),
      expected: want.length,
      once: want.filter((id) => counts.get(id) === 1).length,
      lost: want.filter((id) => !counts.has(id)).length,
      duplicated: [...counts.values()].filter((n) => n > 1).length,
      during: outcome.during.worst.get(index) ?? "not seen",
      after: outcome.indexHealthAfter.get(index) ?? "?",
    };
  });
}

function table(rows: OutcomeRow[]): string[] {
  const sum = (key: "expected" | "once" | "lost" | "duplicated") => rows.reduce((n, row) => n + row[key], 0);
  const rank = ["green", "yellow", "red"];
  const worst = (key: "during" | "after") =>
    rows.map((row) => row[key]).sort((a, b) => rank.indexOf(b) - rank.indexOf(a))[0] ?? "?";
  const all = [
    [
      "index",
      "articles expected",
      "indexed once",
      "lost",
      "duplicated",
      "worst health during outage",
      "health after",
    ],
    ...rows.map((r) => [r.index, r.expected, r.once, r.lost, r.duplicated, r.during, r.after].map(String)),
    [
      "all",
      sum("expected"),
      sum("once"),
      sum("lost"),
      sum("duplicated"),
      worst("during"),
      worst("after"),
    ].map(String),
  ];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all.map((row) => `[drill] | ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`);
}
