/**
 * Watchlist percolation: 1,000 saved queries (words with and without diacritics, phrases, themes,
 * agencies, tone, misinformation score) run against synthetic articles on the local node, in
 * batches of several sizes. Prints articles/s and latency per batch. The index is
 * `bench-percolate-<random>-watchlists`, deleted at the end.
 *
 *   npx tsx bench/percolate.ts [--queries 1000] [--articles 2000] [--url http://127.0.0.1:9200]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createSearchClient } from "../src/store/client.ts";
import { createWatchlistStore, type Watchlist, type WatchlistSpec } from "../src/store/watchlists.ts";
import { seededRandom, syntheticArticles } from "../tests/helpers/syntheticArticles.ts";
import { percentile, printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    queries: { type: "string", default: "1000" },
    articles: { type: "string", default: "2000" },
    url: { type: "string", default: "http://127.0.0.1:9200" },
  },
});
const client = createSearchClient({ url: values.url, requestTimeoutMs: 120_000 });
const prefix = `bench-percolate-${randomBytes(3).toString("hex")}`;
const store = createWatchlistStore(client, { prefix });
const random = seededRandom(11);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const WORDS = [
  "sâm Ngọc Linh",
  "sam ngoc linh",
  "Măng Đen",
  "mang den",
  '"du lịch cộng đồng"',
  "Bờ Y",
  "cửa khẩu",
  "chuyển đổi số",
  "dịch vụ công",
  "rác thải nhựa",
  "khai thác cát",
  "phá rừng",
  "OCOP",
  "cà phê",
  "thu hút đầu tư",
  "khu kinh tế",
  "Tu Mơ Rông",
  "Đăk Glei",
  "Kon Plông",
  "lễ hội",
  "nhà rông",
  "cồng chiêng",
  "sạt lở",
  "thủy điện",
  "tin giả",
  "lừa đảo",
  "tiếp công dân",
  "giảm nghèo",
];
const THEMES = [
  "tourism",
  "agriculture",
  "economy",
  "environment",
  "government",
  "people",
  "national_programs",
];
const AGENCIES = ["svhttdl", "snnptnt", "skhdt", "stnmt", "stttt", "sct", "bqlkkt"];

function randomSpec(): WatchlistSpec {
  const spec: WatchlistSpec = {};
  const r = random();
  if (r < 0.7) spec.text = random() < 0.3 ? `${pick(WORDS)} ${pick(WORDS)}` : pick(WORDS);
  if (random() < 0.3) spec.themes = [pick(THEMES)];
  if (random() < 0.2) spec.agencies = [pick(AGENCIES)];
  if (random() < 0.2) spec.tone = ["negative"];
  if (random() < 0.1) spec.min_misinformation = 0.5;
  if (Object.keys(spec).length === 0) spec.themes = [pick(THEMES)];
  return spec;
}

try {
  await store.ensureReady();
  const queryCount = Number(values.queries);
  const watchlists: Watchlist[] = Array.from({ length: queryCount }, (_, i) => ({
    id: `w${i}`,
    name: `watchlist ${i}`,
    owner: "bench",
    agency: random() < 0.5 ? pick(AGENCIES) : null,
    spec: randomSpec(),
    created_at: new Date().toISOString(),
  }));
  const loadStarted = performance.now();
  await store.putMany(watchlists);
  console.log(
    `stored ${queryCount} watchlists in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  const articles = syntheticArticles(Number(values.articles), 5);
  // Warm up the node's caches and the JIT.
  await store.percolate(articles.slice(0, 20));
  const rows: Array<Array<string | number>> = [];
  for (const batch of [1, 10, 50, 100]) {
    const timings: number[] = [];
    let matches = 0;
    const count = batch === 1 ? Math.min(300, articles.length) : articles.length;
    const started = performance.now();
    for (let i = 0; i < count; i += batch) {
      const t0 = performance.now();
      const result = await store.percolate(articles.slice(i, i + batch));
      timings.push(performance.now() - t0);
      matches += result.reduce((sum, entry) => sum + entry.watchlists.length, 0);
    }
    const seconds = (performance.now() - started) / 1000;
    rows.push([
      batch,
      count,
      Math.round(count / seconds),
      percentile(timings, 50).toFixed(1),
      percentile(timings, 95).toFixed(1),
      percentile(timings, 99).toFixed(1),
      (matches / count).toFixed(2),
    ]);
  }
  console.log(`\npercolation of ${queryCount} saved queries, one request per batch, sequential`);
  printTable(
    ["batch", "articles", "articles/s", "p50 ms/batch", "p95 ms/batch", "p99 ms/batch", "matches/article"],
    rows,
  );
} finally {
  await client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
  await client.close();
}
