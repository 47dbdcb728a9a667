/**
 * The alerts stage through the real queues on the local Redis and OpenSearch. Prints two tables:
 *
 * 1. detection latency: from an article entering the pipeline (added to `analyze`) to its alert
 *    stored (the alerts job that stored it completed), for articles fed at a steady rate, each
 *    matching a watchlist; and the same for the scripted rumour of the tests (third article →
 *    spread and spike alerts);
 * 2. alert throughput: articles per second through the alerts stage alone (detectors, rumours,
 *    percolation, storing), for a backlog of already indexed articles.
 *
 * Everything lives under a `bench-alerts-<random>` prefix, deleted at the end.
 *
 *   npx tsx bench/alerts.ts [--articles 300] [--rate 10] [--watchlists 200]
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { parseEnv } from "../src/config/env.ts";
import { createLogger } from "../src/log.ts";
import { createSearchClient } from "../src/store/client.ts";
import { createWatchlistStore, type Watchlist } from "../src/store/watchlists.ts";
import { extracted, RUMOUR } from "../tests/fixtures/alerts/stream.ts";
import { asExtracted, syntheticArticleStream } from "../tests/helpers/syntheticArticles.ts";
import { startRoles } from "../workers/roles.ts";
import { percentile, printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "300" },
    rate: { type: "string", default: "10" },
    watchlists: { type: "string", default: "200" },
  },
});
const prefix = `bench-alerts-${randomBytes(3).toString("hex")}`;
const env = parseEnv({ ...process.env, INDEX_PREFIX: prefix, QUEUE_PREFIX: prefix, LOG_LEVEL: "silent" });
const client = createSearchClient({ url: env.OPENSEARCH_URL, requestTimeoutMs: 120_000 });
const redis = new Redis(env.REDIS_URL);
const running = await startRoles(["analyze", "index", "alerts"], { env, logger: createLogger("silent") });
const events = new QueueEvents("alerts", { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX });

/** Completion time and alerts created, per alerts job id. */
const completed = new Map<string, { at: number; created: string[] }>();
events.on("completed", ({ jobId, returnvalue }) => {
  const value = (typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue) as {
    created: string[];
  };
  completed.set(jobId, { at: performance.now(), created: value.created });
});

async function waitFor(ids: string[], timeoutMs = 300_000) {
  const deadline = performance.now() + timeoutMs;
  while (ids.some((id) => !completed.has(id)) && performance.now() < deadline) await sleep(50);
}

const latency = (entered: Map<string, number>) =>
  [...entered].flatMap(([id, at]) => {
    const done = completed.get(id);
    return done?.created.length ? [done.at - at] : [];
  });

try {
  // Watchlists: one every article matches (so each article raises an alert to time), the rest
  // ordinary topics.
  const words = ["Măng Đen", "sâm Ngọc Linh", "Bờ Y", "chuyển đổi số", "rác thải nhựa", "thủy điện", "OCOP"];
  const watchlists = createWatchlistStore(client, { prefix });
  const lists: Watchlist[] = Array.from({ length: Number(values.watchlists) }, (_, i) => ({
    id: `w${i}`,
    name: `watchlist ${i}`,
    owner: "bench",
    agency: null,
    spec:
      i === 0
        ? { text: "Kon Tum" }
        : { text: words[i % words.length]!, ...(i % 3 ? {} : { tone: ["negative"] as const }) },
    created_at: new Date().toISOString(),
  }));
  await watchlists.putMany(lists);

  // 1. Steady feed.
  const n = Number(values.articles);
  const gap = 1000 / Number(values.rate);
  const entered = new Map<string, number>();
  const { producers } = running.pipeline!;
  const started = performance.now();
  let i = 0;
  for (const doc of syntheticArticleStream(n, 77)) {
    const article = asExtracted(doc);
    const due = started + i++ * gap;
    if (due > performance.now()) await sleep(due - performance.now());
    entered.set(article.id, performance.now());
    await producers.add("analyze", article, { jobId: article.id });
  }
  await waitFor([...entered.keys()]);
  const steady = latency(entered);

  // The scripted rumour: three copies a second apart; timed from the third.
  const rumour = RUMOUR.map((article) => extracted(article, new Date()));
  const rumourEntered = new Map<string, number>();
  for (const article of rumour) {
    rumourEntered.set(article.id, performance.now());
    await producers.add("analyze", article, { jobId: article.id });
    await sleep(1000);
  }
  await waitFor(rumour.map((article) => article.id));
  const third = rumour[2]!.id;
  const spread = completed.get(third);
  const rumourMs = spread ? spread.at - rumourEntered.get(third)! : Number.NaN;

  const row = (label: string, list: number[]) => [
    label,
    list.length,
    percentile(list, 50).toFixed(0),
    percentile(list, 95).toFixed(0),
    Math.max(...list).toFixed(0),
  ];
  console.log(
    `\n1. detection latency, article added to analyze → alert stored (${values.rate} articles/s fed, ${values.watchlists} watchlists)`,
  );
  printTable(
    ["alerts", "n", "p50 ms", "p95 ms", "max ms"],
    [
      row("watchlist (every article)", steady),
      [
        `rumour, 3rd article (${spread?.created.length ?? 0} alerts: spread, spike?, watchlists)`,
        1,
        rumourMs.toFixed(0),
        rumourMs.toFixed(0),
        rumourMs.toFixed(0),
      ],
    ],
  );

  // 2. Throughput of the alerts stage alone: the same indexed articles again, as a backlog. The
  // ledger is cleared so each article is counted by the detectors as if new.
  const tracked = await redis.keys(`${env.QUEUE_PREFIX}:alerts:tracked:*`);
  if (tracked.length) await redis.del(...tracked);
  const ids = [...entered.keys()];
  const backlogStarted = performance.now();
  await producers.addBulk(
    "alerts",
    ids.map((id) => ({ payload: { id, claims: [] }, jobId: `${id}-again` })),
  );
  await waitFor(ids.map((id) => `${id}-again`));
  const seconds = (performance.now() - backlogStarted) / 1000;
  console.log("\n2. alerts stage throughput (backlog of indexed articles, one worker process)");
  printTable(
    ["articles", "seconds", "articles/s", "concurrency", "percolate batch"],
    [
      [
        ids.length,
        seconds.toFixed(2),
        Math.round(ids.length / seconds),
        running.pipeline!.settings.alertsConcurrency,
        running.pipeline!.settings.percolateBatchSize,
      ],
    ],
  );
} finally {
  await events.close();
  await running.stop();
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
  const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
