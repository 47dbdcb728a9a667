/**
 * End to end, fixture web to indexed: articles per second from queuing discovery to every article
 * counted in OpenSearch, through real worker processes (`presswatch crawl --workers` for discover
 * and fetch, tools/drills/pipeline-worker.ts for analyze and index) on the local Redis and node,
 * and each process's peak resident memory. The web is a few bulk outlets (sitemaps, no pause asked,
 * 8 requests at a time each) so that the pipeline, not politeness, is measured.
 *
 *   npx tsx bench/e2e.ts [--articles 2000] [--outlets 4] [--json] [--profile DIR]
 *
 * --profile writes a V8 CPU profile of each worker process into DIR (open it in Chrome DevTools).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseEnv } from "../src/config/env.ts";
import { crawlSettings } from "../src/crawl/settings.ts";
import { createArticleStore, createSearchClient } from "../src/store/index.ts";
import { STORIES } from "../tests/fixtures/web/corpus.ts";
import { bodyHtml, esc, isoLocal } from "../tests/fixtures/web/format.ts";
import { startFixtureWeb } from "../tests/fixtures/web/server.ts";
import { html, notFound, type SiteDef } from "../tests/fixtures/web/site.ts";
import { queueDiscoveryOfAll } from "../workers/crawlOnce.ts";
import { CrawlRuntime } from "../workers/crawlRuntime.ts";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    outlets: { type: "string", default: "4" },
    json: { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const total = Number(values.articles);
const outletCount = Number(values.outlets);
const REPO = join(import.meta.dirname, "..");

function bulkOutlet(k: number, count: number): SiteDef {
  const site: SiteDef = {
    name: `bulk${k}`,
    outletName: `Bulk outlet ${k}`,
    hostile: false,
    articles: Array.from({ length: count }, (_, n) => ({
      story: STORIES[(n + k * 7) % STORIES.length]!,
      path: `/bai/${k}-${n}.html`,
    })),
    handle: (ctx, url) => {
      if (url.pathname === "/sitemap.xml")
        return {
          headers: { "content-type": "application/xml" },
          body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${site.articles.map((a) => `<url><loc>${ctx.origin}${a.path}</loc></url>`).join("")}</urlset>`,
        };
      const article = site.articles.find((a) => a.path === url.pathname);
      if (!article) return notFound();
      const { story } = article;
      // The number makes each page its own article (its own text), not a copy of a corpus story.
      const n = article.path.replace(/\D+/g, " ").trim();
      return html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(story.title)} (${n})</title>
<meta property="article:published_time" content="${isoLocal(story)}"></head><body>
<div class="menu"><a href="/">Trang chủ</a></div><div class="article"><h1>${esc(story.title)} (${n})</h1><div class="sapo">${esc(story.lead)}</div>
<div class="article-body"><p>Bài số ${n}.</p>${bodyHtml(story, (text) => `<h2>${esc(text)}</h2>`).join("")}</div></div></body></html>`);
    },
    sources: (ctx) => ({
      outlet: { id: `bulk${k}`, name: `Bulk ${k}` },
      politeness: { concurrency: 8, delay: 0 },
      sources: [
        { id: `bulk${k}/sitemap`, kind: "sitemap", url: `${ctx.origin}/sitemap.xml`, max_items: 5000 },
      ],
    }),
  };
  return site;
}

function rssKb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** User + system CPU seconds a process has used so far (0 once it is gone). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The pids of the local services, whose CPU time counts in the per-article cost. */
function servicePids(): { opensearch?: number; redis?: number } {
  const found: { opensearch?: number; redis?: number } = {};
  try {
    found.opensearch = Number(readFileSync(join(REPO, "data/opensearch/pid"), "utf8").trim()) || undefined;
  } catch {}
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "redis-server") found.redis = Number(entry);
    } catch {}
  }
  return found;
}

function started(child: ChildProcess, line: string, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output.push(text);
      if (text.includes(line)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`worker exited (${code}): ${output.join("").slice(-2000)}`)),
    );
  });
}

const sites = Array.from({ length: outletCount }, (_, k) =>
  bulkOutlet(k, Math.floor(total / outletCount) + (k < total % outletCount ? 1 : 0)),
);
const web = await startFixtureWeb({ sites });
const root = await mkdtemp(join(tmpdir(), "presswatch-bench-e2e-"));
const configDir = join(root, "config");
await mkdir(join(configDir, "sources"), { recursive: true });
await web.writeSources(join(configDir, "sources"));
const prefix = `bench-e2e-${Date.now().toString(36)}`;
const base = parseEnv();
const childEnv = {
  ...process.env,
  QUEUE_PREFIX: prefix,
  INDEX_PREFIX: prefix,
  CONFIG_DIR: configDir,
  DATA_DIR: join(root, "data"),
  LOG_LEVEL: "warn",
};
const profiling = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
const crawl = spawn(
  process.execPath,
  [...profiling, join(REPO, "bin/presswatch.js"), "crawl", "--workers", "--roles", "discover,fetch"],
  {
    cwd: REPO,
    env: { ...childEnv, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  },
);
const pipeline = spawn(
  process.execPath,
  [...profiling, "--import", "tsx", join(REPO, "tools/drills/pipeline-worker.ts"), "analyze,index"],
  {
    cwd: REPO,
    env: { ...childEnv, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  },
);
const logs = { crawl: [] as string[], pipeline: [] as string[] };
const client = createSearchClient({ url: base.OPENSEARCH_URL, requestTimeoutMs: 60_000 });
const store = createArticleStore(client, { prefix });
const runtime = new CrawlRuntime(
  {
    ...crawlSettings(base),
    queuePrefix: prefix,
    sourcesDir: join(configDir, "sources"),
    dataDir: join(root, "data"),
  },
  pino({ level: "silent" }),
);
const peak = { crawl: 0, pipeline: 0 };
let result = { articles: 0, seconds: 0, rate: 0 };
/** CPU seconds each process used during the run ("web" is this process: the fixture web, polling). */
const cpuUsed = { crawl: 0, pipeline: 0, web: 0, opensearch: 0, redis: 0 };
try {
  await Promise.all([
    started(crawl, '"crawl workers started"', logs.crawl),
    started(pipeline, '"pipeline workers started"', logs.pipeline),
  ]);
  const services = servicePids();
  const cpuNow = () => ({
    crawl: cpuSeconds(crawl.pid),
    pipeline: cpuSeconds(pipeline.pid),
    web: cpuSeconds(process.pid),
    opensearch: cpuSeconds(services.opensearch),
    redis: cpuSeconds(services.redis),
  });
  const cpu0 = cpuNow();
  const t0 = performance.now();
  const queued = await queueDiscoveryOfAll(runtime);
  if (queued.length !== outletCount)
    throw new Error(`${queued.length} of ${outletCount} sources queued: check the sources files`);
  let indexed = 0;
  const deadline = Date.now() + 30 * 60_000;
  while (indexed < total && Date.now() < deadline) {
    await sleep(250);
    peak.crawl = Math.max(peak.crawl, rssKb(crawl.pid));
    peak.pipeline = Math.max(peak.pipeline, rssKb(pipeline.pid));
    // Counted as a search sees them, after the index's own refresh (1 s): forcing a refresh four
    // times a second would add engine work that production does not do.
    indexed = await store.count().catch(() => indexed);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuNow();
  for (const key of Object.keys(cpu1) as (keyof typeof cpu1)[]) cpuUsed[key] = cpu1[key] - cpu0[key];
  result = { articles: indexed, seconds, rate: indexed / seconds };
} finally {
  crawl.kill("SIGTERM");
  pipeline.kill("SIGTERM");
  await runtime.close();
  const keys = await (async () => {
    const { Redis } = await import("ioredis");
    const redis = new Redis(base.REDIS_URL);
    const found = await redis.keys(`${prefix}:*`);
    if (found.length) await redis.del(...found);
    redis.disconnect();
    return found.length;
  })();
  void keys;
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true }).catch(() => undefined);
  await client.indices
    .deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] })
    .catch(() => undefined);
  await client.close();
  await web.close();
  await rm(root, { recursive: true, force: true });
}

const rows = [
  [
    `fixture web (${outletCount} bulk outlets) → crawl → analyze → index`,
    `${result.articles}/${total}`,
    result.seconds.toFixed(1),
    result.rate.toFixed(1),
    (peak.crawl / 1024).toFixed(0),
    (peak.pipeline / 1024).toFixed(0),
  ],
];
printTable(
  ["end to end", "indexed", "seconds", "articles/s", "crawl worker RSS MB", "pipeline worker RSS MB"],
  rows,
);
const perArticle = (secondsUsed: number) => ((secondsUsed * 1000) / Math.max(1, result.articles)).toFixed(1);
const cpuTotal = Object.values(cpuUsed).reduce((a, b) => a + b, 0);
printTable(
  ["CPU per article, ms", ...Object.keys(cpuUsed), "all", "cores busy"],
  [
    [
      "process time",
      ...Object.values(cpuUsed).map(perArticle),
      perArticle(cpuTotal),
      (cpuTotal / Math.max(result.seconds, 1e-9)).toFixed(2),
    ],
  ],
);
if (values.json)
  console.log(
    JSON.stringify({
      e2e: {
        articles: result.articles,
        expected: total,
        seconds: result.seconds,
        articlesPerSecond: result.rate,
        rssMb: { crawl: peak.crawl / 1024, pipeline: peak.pipeline / 1024 },
        cpuSeconds: cpuUsed,
      },
    }),
  );
process.exit(result.articles === total ? 0 : 1);
