/**
 * Store benchmark: bulk indexing rate, and p50/p95 latency of search and coverage queries at
 * growing index sizes, on the local node, with the size on disk per article. Prints a table.
 *
 *   npx tsx bench/store.ts [--sizes 100000,1000000] [--queries 200] [--url URL] [--keep] [--reuse]
 *
 * The indices are `bench-store-articles-v*` behind the alias `bench-store-articles`, one per month
 * of 2024 (deleted at the end unless --keep; --reuse measures an index kept at the largest size
 * without loading it again). Synthetic demo data.
 */
import { parseArgs } from "node:util";
import type { ArticleDoc } from "../src/model/article.ts";
import { createArticleStore, createSearchClient, DEFAULT_LAYOUT } from "../src/store/index.ts";
import type { CoverageRequest, SearchRequest } from "../src/store/types.ts";
import { OUTLETS, seededRandom, syntheticArticleStream } from "../tests/helpers/syntheticArticles.ts";
import { percentile, printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,1000000" },
    queries: { type: "string", default: "200" },
    url: { type: "string", default: "http://127.0.0.1:9200" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const sizes = values.sizes.split(",").map(Number);
const queryCount = Number(values.queries);
const client = createSearchClient({ url: values.url, requestTimeoutMs: 120_000 });
const prefix = "bench-store";
// Loading a million articles goes faster with a rare refresh, as a bulk backfill would be run.
const store = createArticleStore(client, { prefix, layout: { ...DEFAULT_LAYOUT, refreshInterval: "30s" } });

const WORDS = [
  "sâm ngọc linh",
  "mang den",
  "du lịch",
  "đầu tư",
  "rác thải nhựa",
  "chuyển đổi số",
  "OCOP",
  "Bờ Y",
  "khoang san",
  '"Ngọc Linh"',
];
const THEMES = ["tourism", "agriculture", "economy", "environment", "government"];
const random = seededRandom(7);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;

function randomSearch(): SearchRequest {
  const month = 1 + Math.floor(random() * 12);
  return {
    q: random() < 0.8 ? pick(WORDS) : undefined,
    filters: {
      ...(random() < 0.5 ? { theme: [pick(THEMES)] } : {}),
      ...(random() < 0.3 ? { outlet: [pick(OUTLETS).id] } : {}),
      ...(random() < 0.5 ? { from: `2024-${String(month).padStart(2, "0")}-01`, to: "2024-12-31" } : {}),
    },
    sort: random() < 0.5 ? "relevance" : "newest",
    size: 20,
    facets: true,
    highlight: true,
  };
}

function randomCoverage(): CoverageRequest {
  const period = pick(["day", "week", "month"] as const);
  const months = period === "day" ? 1 : period === "week" ? 3 : 12;
  const start = 1 + Math.floor(random() * (13 - months));
  const end = start + months - 1;
  const lastDay = new Date(Date.UTC(2024, end, 0)).getUTCDate();
  return {
    period,
    from: `2024-${String(start).padStart(2, "0")}-01`,
    to: `2024-${String(end).padStart(2, "0")}-${lastDay}`,
    filters: random() < 0.3 ? { outlet_kind: ["central_partner"] } : {},
    by: pick([
      ["theme", "outlet"],
      ["theme"],
      ["outlet", "agency"],
      ["theme", "outlet", "agency"],
    ] as const).slice() as CoverageRequest["by"],
  };
}

async function time<T>(task: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

async function indexUpTo(stream: Iterator<ArticleDoc>, count: number): Promise<number> {
  const batchSize = 2000;
  let indexed = 0;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  while (indexed < count) {
    const batch: ArticleDoc[] = [];
    while (batch.length < batchSize && indexed + batch.length < count) {
      const next = stream.next();
      if (next.done) break;
      batch.push(next.value);
    }
    if (!batch.length) break;
    indexed += batch.length;
    const task = store.index(batch).then((result) => {
      if (result.failed.length)
        throw new Error(`${result.failed.length} failed: ${result.failed[0]?.reason}`);
    });
    inFlight.add(task);
    task.finally(() => inFlight.delete(task));
    if (inFlight.size >= 2) await Promise.race(inFlight);
    if (indexed % 100_000 === 0) process.stderr.write(`  indexed ${indexed.toLocaleString("en")}…\n`);
  }
  await Promise.all(inFlight);
  await store.refresh();
  return indexed / ((performance.now() - start) / 1000);
}

/** Bytes on disk per article, primaries only (a replica doubles it). */
async function bytesPerArticle(): Promise<number> {
  const stats = await client.indices.stats({ index: store.alias, metric: ["store", "docs"] });
  const primaries = stats.body._all.primaries as {
    store: { size_in_bytes: number };
    docs: { count: number };
  };
  return primaries.store.size_in_bytes / primaries.docs.count;
}

const reuse = values.reuse && (await store.ensureReady().then(() => store.count())) === Math.max(...sizes);
if (!reuse) {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await store.ensureReady();
}
const stream = syntheticArticleStream(Math.max(...sizes), 11);
const rows: Array<Array<string | number>> = [];
let total = 0;
for (const size of reuse ? [Math.max(...sizes)] : sizes) {
  process.stderr.write(`indexing up to ${size.toLocaleString("en")} articles…\n`);
  const rate = reuse ? Number.NaN : await indexUpTo(stream, size - total);
  total = size;
  await client.indices.forcemerge({ index: store.alias, max_num_segments: 1 });
  // Warm up caches the way a running system would be warm.
  for (let i = 0; i < 20; i++) {
    await store.search(randomSearch());
    await store.coverage(randomCoverage());
  }
  const search: number[] = [];
  const cover: number[] = [];
  for (let i = 0; i < queryCount; i++) {
    search.push(await time(() => store.search(randomSearch())));
    cover.push(await time(() => store.coverage(randomCoverage())));
  }
  rows.push([
    size.toLocaleString("en"),
    Math.round(rate),
    percentile(search, 50).toFixed(1),
    percentile(search, 95).toFixed(1),
    percentile(cover, 50).toFixed(1),
    percentile(cover, 95).toFixed(1),
    Math.round(await bytesPerArticle()),
  ]);
}
printTable(
  [
    "articles",
    "index docs/s",
    "search p50 ms",
    "search p95 ms",
    "coverage p50 ms",
    "coverage p95 ms",
    "bytes/article",
  ],
  rows,
);
if (!values.keep) {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
}
