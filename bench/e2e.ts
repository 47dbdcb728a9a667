/**
 * End to end, fixture web to indexed: articles per second from queuing discovery to every article
 * counted in OpenSearch, through real worker processes (`presswatch crawl --workers` for discover
 * and fetch, tools/drills/pipeline-worker.ts for analyze and index) on the local Redis and node,
 * and each process's peak resident memory. The web is a few bulk outlets (sitemaps, no pause asked,
 * 8 requests at a time each) so that the pipeline, not politeness, is measured.
 *
 *   npx tsx bench/e2e.ts [--articles 2000] [--outlets 4] [--json]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseEnv } from "../src/config/env.ts";
import { queueDiscoveryOfAll } from "../src/crawl/once.ts";
import { CrawlRuntime } from "../src/crawl/runtime.ts";
import { crawlSettings } from "../src/crawl/settings.ts";
import { createArticleStore, createSearchClient } from "../src/store/index.ts";
import { STORIES } from "../tests/fixtures/web/corpus.ts";
import { bodyHtml, esc, isoLocal } from "../tests/fixtures/web/format.ts";
import { startFixtureWeb } from "../tests/fixtures/web/server.ts";
import { html, notFound, type SiteDef } from "../tests/fixtures/web/site.ts";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    outlets: { type: "string", default: "4" },
    json: { type: "boolean", default: false },
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
const crawl = spawn(
  process.execPath,
  [join(REPO, "bin/presswatch.js"), "crawl", "--workers", "--roles", "discover,fetch"],
  {
    cwd: REPO,
    env: { ...childEnv, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  },
);
const pipeline = spawn(
  process.execPath,
  ["--import", "tsx", join(REPO, "tools/drills/pipeline-worker.ts"), "analyze,index"],
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
try {
  await Promise.all([
    started(crawl, '"crawl workers started"', logs.crawl),
    started(pipeline, '"pipeline workers started"', logs.pipeline),
  ]);
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
    await store.refresh().catch(() => undefined);
    indexed = await store.count().catch(() => indexed);
  }
  const seconds = (performance.now() - t0) / 1000;
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
if (values.json)
  console.log(
    JSON.stringify({
      e2e: {
        articles: result.articles,
        expected: total,
        seconds: result.seconds,
        articlesPerSecond: result.rate,
        rssMb: { crawl: peak.crawl / 1024, pipeline: peak.pipeline / 1024 },
      },
    }),
  );
process.exit(result.articles === total ? 0 : 1);
