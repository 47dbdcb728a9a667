// Drill: a 3-node OpenSearch cluster on this machine (three processes of the drill's own, ports
// 9211-9213, data under data/drills/ of the checkout), the article indices with 2 shards and one
// replica each, three analyze/index worker processes ingesting with the whole cluster in their
// OPENSEARCH_URL, and the node that is cluster manager stopped mid-ingest and started again. It
// ends with every article indexed exactly once and the cluster green.
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
import { openSearchDown, openSearchUp } from "../../../tools/services/opensearch.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import {
  deleteKeys,
  duplicates,
  extractedArticles,
  indexedIds,
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
const outcome = { stopped: "", healthDuring: "", healthAfter: "", nodesAfter: 0, indicesAfter: 0 };

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
    await until(
      async () => ((await producers.queue("index").getJobCounts("completed")).completed ?? 0) >= 150,
      300_000,
      100,
    );
    const manager = await client.cat.clusterManager({ format: "json" });
    outcome.stopped = String((manager.body as Array<{ node: string }>)[0]?.node);
    const victim = NODES.find((n) => n.name === outcome.stopped) ?? NODES[0]!;
    await openSearchDown(join(root, victim.name));
    const stoppedAt = Date.now();
    await feed(articles.slice(BEFORE));
    while (Date.now() - stoppedAt < DOWN_MS) await sleep(1000);
    outcome.healthDuring = await health().then(
      (h) => `${h.status}, ${h.number_of_nodes} nodes`,
      (error: Error) => `unreadable (${error.message})`,
    );
    // Which indices had a shard with no copy left, if any (a month opened seconds before the stop,
    // its replica not yet copied): writes to them wait and are retried.
    const red = await client.cat.indices({ health: "red", format: "json", h: ["index"] }).then(
      (r) => (r.body as Array<{ index: string }>).map((row) => row.index).join(", "),
      () => "unreadable",
    );
    outcome.healthDuring += red ? ` (red: ${red})` : "";
    await node(victim);
    await until(async () => (await pending()) === 0, 600_000, 500);
    await client.cluster
      .health({ wait_for_status: "green", wait_for_nodes: "3", timeout: "240s" })
      .catch(() => undefined);
    const after = await health();
    outcome.healthAfter = after.status;
    outcome.nodesAfter = after.number_of_nodes;
    outcome.indicesAfter = Object.keys((await client.indices.getAlias({ name: alias })).body).length;
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

  it("ends with every article indexed exactly once and the cluster green", async () => {
    const ids = await indexedIds(client, alias);
    const expected = articles.map((a) => a.id);
    const present = new Set(ids);
    const lost = expected.filter((id) => !present.has(id));
    const twice = duplicates(ids);
    const once = expected.length - lost.length - twice.filter((id) => expected.includes(id)).length;
    console.log(
      [
        `[drill] cluster of 3 nodes, ${outcome.indicesAfter} monthly indices (2 shards, 1 replica), 3 worker processes; stopped ${outcome.stopped} (cluster manager) for ${DOWN_MS / 1000} s mid-ingest`,
        `[drill] health while it was down: ${outcome.healthDuring}; after: ${outcome.healthAfter}, ${outcome.nodesAfter} nodes`,
        `[drill] articles expected ${expected.length}, indexed once ${once}, lost ${lost.length}, duplicated ${twice.length}`,
      ].join("\n"),
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(ids.length).toBe(expected.length);
    expect((await producers.queue("index").getJobCounts("failed")).failed).toBe(0);
    expect(outcome).toMatchObject({ healthAfter: "green", nodesAfter: 3 });
  });
});
