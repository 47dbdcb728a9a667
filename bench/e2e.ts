/**
 * End to end, fixture web to indexed: articles per second from queuing discovery to every article
 * counted in OpenSearch, through real worker processes (`presswatch crawl --workers` for discover
 * and fetch, tools/drills/pipeline-worker.ts for analyze, which indexes) on the local Redis and
 * node, and each process's peak resident memory. The web is a few bulk outlets (sitemaps, no pause
 * asked, 8 requests at a time each) so that the pipeline, not politeness, is measured.
 *
 * Two webs, each measured in turn:
 * - `real`: the real-text stream laid out by tools/data/bench-stream.ts (real Vietnamese news,
 *   mostly distinct stories, ~15% syndicated copies, a few same-event reports), one outlet per
 *   stream outlet;
 * - `worst`: the fixture corpus's 24 stories repeated, each page a near-copy of hundreds of
 *   others (every family and story lookup at its largest).
 *
 * For each: CPU per article by process, Redis commands and round trips (socket writes) per article
 * counted inside the worker processes (REDIS_COUNT), the Redis memory the run left per article by
 * kind of key (story terms and cards, families, queues), and, in the same run, the same documents
 * bulk-indexed straight into a fresh index (bulks of the pipeline's size, two in flight), whose
 * rate the end-to-end rate is compared with.
 *
 *   npx tsx bench/e2e.ts [--articles 2000] [--web real,worst] [--outlets 4] [--pipelines 1] [--json] [--profile DIR]
 *
 * --outlets is the worst-case web's; --pipelines runs that many analyze worker processes (their CPU
 * and Redis counts summed, the largest one's memory); --profile writes a V8 CPU profile of each worker process into
 * DIR (open it in Chrome DevTools).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { parseEnv, queueKeyPrefix } from "../src/config/env.ts";
import { crawlSettings } from "../src/crawl/settings.ts";
import type { ArticleDoc } from "../src/model/article.ts";
import { createArticleStore, createSearchClient } from "../src/store/index.ts";
import { STORIES } from "../tests/fixtures/web/corpus.ts";
import { bodyHtml, esc, isoLocal } from "../tests/fixtures/web/format.ts";
import { startFixtureWeb } from "../tests/fixtures/web/server.ts";
import { html, notFound, type SiteDef } from "../tests/fixtures/web/site.ts";
import { DEFAULT_STREAM_FILE, type StreamArticle } from "../tools/data/bench-stream.ts";
import { queueDiscoveryOfAll } from "../workers/crawlOnce.ts";
import { CrawlRuntime } from "../workers/crawlRuntime.ts";
import { DEFAULT_PIPELINE_SETTINGS } from "../workers/pipelineRuntime.ts";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    outlets: { type: "string", default: "4" },
    web: { type: "string", default: "real,worst" },
    stream: { type: "string", default: DEFAULT_STREAM_FILE },
    json: { type: "boolean", default: false },
    profile: { type: "string" },
    pipelines: { type: "string", default: "1" },
  },
});
const pipelineCount = Number(values.pipelines);
if (!Number.isInteger(pipelineCount) || pipelineCount < 1)
  throw new Error(`--pipelines must be a whole number ≥ 1`);
const total = Number(values.articles);
const REPO = join(import.meta.dirname, "..");
type Web = "real" | "worst";
const webs = values.web.split(",").map((w) => w.trim()) as Web[];
for (const web of webs) if (web !== "real" && web !== "worst") throw new Error(`unknown web "${web}"`);

const sitemap = (origin: string, paths: string[]) => ({
  headers: { "content-type": "application/xml" },
  body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join("")}</urlset>`,
});

const bulkSources = (name: string) => (ctx: { origin: string }) => ({
  outlet: { id: name, name },
  politeness: { concurrency: 8, delay: 0 },
  sources: [{ id: `${name}/sitemap`, kind: "sitemap", url: `${ctx.origin}/sitemap.xml`, max_items: 5000 }],
});

/** The worst case: the corpus's 24 stories over and over, numbered so that each page is its own. */
function repeatedOutlet(k: number, count: number): SiteDef {
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
        return sitemap(
          ctx.origin,
          site.articles.map((a) => a.path),
        );
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
    sources: bulkSources(`bulk${k}`),
  };
  return site;
}

/** The real-text stream's outlets, each serving its articles of the first `count`. */
function streamOutlets(count: number): SiteDef[] {
  const file = join(REPO, values.stream);
  if (!existsSync(file))
    throw new Error(`no stream at ${values.stream}: lay it out with 'npx tsx tools/data/bench-stream.ts'`);
  const stream = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .slice(0, count)
    .map((line) => JSON.parse(line) as StreamArticle);
  if (stream.length < count) throw new Error(`the stream has ${stream.length} articles, ${count} asked`);
  const outlets = [...new Set(stream.map((a) => a.outlet))].sort((a, b) => a - b);
  return outlets.map((k): SiteDef => {
    const mine = new Map(stream.filter((a) => a.outlet === k).map((a) => [`/bai/${a.n}.html`, a]));
    return {
      name: `real${k}`,
      outletName: `Real-text outlet ${k}`,
      hostile: false,
      articles: [],
      handle: (ctx, url) => {
        if (url.pathname === "/sitemap.xml") return sitemap(ctx.origin, [...mine.keys()]);
        const a = mine.get(url.pathname);
        if (!a) return notFound();
        const paragraphs = a.body
          .split("\n")
          .map((p) => `<p>${esc(p)}</p>`)
          .join("");
        return html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<meta property="article:published_time" content="${a.published}"></head><body>
<div class="menu"><a href="/">Trang chủ</a></div><div class="article"><h1>${esc(a.title)}</h1>${a.lead ? `<div class="sapo">${esc(a.lead)}</div>` : ""}
<div class="article-body">${paragraphs}</div></div></body></html>`);
      },
      sources: bulkSources(`real${k}`),
    };
  });
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

/**
 * The pids of the local services, whose CPU time counts in the per-article cost: OpenSearch's pid
 * file (this checkout's, else the process listening on OPENSEARCH_URL's port, else a Java process
 * running OpenSearch) and the redis-server on the port of REDIS_URL. On a shared machine their CPU
 * includes other people's load.
 */
function servicePids(redisUrl: string, openSearchUrl: string): { opensearch?: number; redis?: number } {
  const found: { opensearch?: number; redis?: number } = {};
  try {
    found.opensearch = Number(readFileSync(join(REPO, "data/opensearch/pid"), "utf8").trim()) || undefined;
  } catch {}
  try {
    // Whoever listens on the engine's port (several nodes may run on a shared machine).
    const port = new URL(openSearchUrl).port || "9200";
    const listening = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
    found.opensearch ??= Number(/pid=(\d+)/.exec(listening)?.[1]) || undefined;
  } catch {}
  const redisPort = new URL(redisUrl).port || "6379";
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (comm === "redis-server" && cmdline.includes(`:${redisPort}`)) found.redis = Number(entry);
      if (!found.opensearch && comm === "java" && /opensearch/i.test(cmdline))
        found.opensearch = Number(entry);
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

/** The worker's Redis counters now (src/queue/redisCount.ts): asked with SIGUSR2, read from its log. */
async function redisCounts(
  child: ChildProcess,
  output: string[],
): Promise<{ commands: number; writes: number }> {
  const seen = output.length;
  child.kill("SIGUSR2");
  for (let i = 0; i < 200; i++) {
    for (const chunk of output.slice(seen)) {
      for (const line of chunk.split("\n")) {
        if (!line.includes('"redis counts"')) continue;
        const parsed = JSON.parse(line) as { redis_commands: number; redis_writes: number };
        return { commands: parsed.redis_commands, writes: parsed.redis_writes };
      }
    }
    await sleep(25);
  }
  throw new Error("the worker did not report its Redis counts");
}

interface Result {
  web: Web;
  outlets: number;
  articles: number;
  seconds: number;
  rate: number;
  rssMb: { crawl: number; pipeline: number };
  cpuSeconds: Record<string, number>;
  redis: { crawl: { commands: number; writes: number }; pipeline: { commands: number; writes: number } };
  bulk: { docs: number; seconds: number; rate: number };
  /** Redis memory the run left (MEMORY USAGE), by kind of key: what a deployment keeps per article. */
  redisBytes: Record<string, number>;
}

/**
 * Bytes of the keys by kind: the part after the prefix, with the second part for the pipeline's
 * own stores (`story:term`, `story:card`, `family:…`) and the first alone for queues and the rest.
 */
async function redisBytesByKind(
  redis: { pipeline(): { memory(...args: ["USAGE", string]): unknown; exec(): Promise<unknown> } },
  keys: string[],
  prefix: string,
): Promise<Record<string, number>> {
  const bytes: Record<string, number> = {};
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const pipe = redis.pipeline();
    for (const key of chunk) pipe.memory("USAGE", key);
    const replies = (await pipe.exec()) as Array<[Error | null, number | null]>;
    chunk.forEach((key, k) => {
      const parts = key.slice(prefix.length + 1).split(":");
      const kind = ["story", "family", "families"].includes(parts[0]!)
        ? parts.slice(0, 2).join(":")
        : parts[0]!;
      bytes[kind] = (bytes[kind] ?? 0) + (replies[k]?.[1] ?? 0);
    });
  }
  return bytes;
}

/** The documents the run indexed, bulk-indexed again into a fresh index: the engine's own pace. */
async function bulkRate(
  client: ReturnType<typeof createSearchClient>,
  prefix: string,
): Promise<Result["bulk"]> {
  const from = createArticleStore(client, { prefix });
  const docs: ArticleDoc[] = [];
  let after: Array<string | number> | undefined;
  for (;;) {
    const response = await client.search({
      index: from.alias,
      body: { size: 1000, sort: [{ id: "asc" }], ...(after ? { search_after: after } : {}) },
    });
    const hits = response.body.hits.hits as Array<{ _source: ArticleDoc; sort: Array<string | number> }>;
    if (!hits.length) break;
    docs.push(...hits.map((hit) => hit._source));
    after = hits.at(-1)!.sort;
  }
  const to = createArticleStore(client, { prefix: `${prefix}-bulk` });
  await to.ensureReady();
  const size = DEFAULT_PIPELINE_SETTINGS.indexBatchSize;
  const bulks: ArticleDoc[][] = [];
  for (let i = 0; i < docs.length; i += size) bulks.push(docs.slice(i, i + size));
  const t0 = performance.now();
  // Two in flight, as the analyze workers keep one bulk filling while the other is indexed.
  await Promise.all(
    [0, 1].map(async (lane) => {
      for (let i = lane; i < bulks.length; i += 2) await to.index(bulks[i]!);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { docs: docs.length, seconds, rate: docs.length / seconds };
}

async function runWeb(web: Web): Promise<Result> {
  const outletCount = Number(values.outlets);
  const sites =
    web === "real"
      ? streamOutlets(total)
      : Array.from({ length: outletCount }, (_, k) =>
          repeatedOutlet(k, Math.floor(total / outletCount) + (k < total % outletCount ? 1 : 0)),
        );
  const fixture = await startFixtureWeb({ sites });
  const root = await mkdtemp(join(tmpdir(), "presswatch-bench-e2e-"));
  const configDir = join(root, "config");
  await mkdir(join(configDir, "sources"), { recursive: true });
  await fixture.writeSources(join(configDir, "sources"));
  const prefix = `bench-e2e-${web}-${Date.now().toString(36)}`;
  const base = parseEnv();
  const childEnv = {
    ...process.env,
    QUEUE_PREFIX: prefix,
    INDEX_PREFIX: prefix,
    CONFIG_DIR: configDir,
    DATA_DIR: join(root, "data"),
    LOG_LEVEL: "info",
    REDIS_COUNT: "true",
    // Two worker processes on one machine: neither serves /metrics (both would take 9464).
    WORKER_HTTP_PORT: "0",
  };
  const profiling = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
  const crawl = spawn(
    process.execPath,
    [...profiling, join(REPO, "bin/presswatch.js"), "crawl", "--workers", "--roles", "discover,fetch"],
    { cwd: REPO, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pipelines = Array.from({ length: pipelineCount }, () =>
    spawn(
      process.execPath,
      [...profiling, "--import", "tsx", join(REPO, "tools/drills/pipeline-worker.ts"), "analyze"],
      { cwd: REPO, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
    ),
  );
  const logs: Record<string, string[]> & { crawl: string[] } = { crawl: [] };
  pipelines.forEach((_, i) => {
    logs[`pipeline ${i + 1}`] = [];
  });
  const pipelineLog = (i: number) => logs[`pipeline ${i + 1}`]!;
  const sum = (counts: Array<{ commands: number; writes: number }>) => ({
    commands: counts.reduce((a, c) => a + c.commands, 0),
    writes: counts.reduce((a, c) => a + c.writes, 0),
  });
  const pipelineCounts = async () =>
    sum(await Promise.all(pipelines.map((child, i) => redisCounts(child, pipelineLog(i)))));
  const client = createSearchClient({ url: base.OPENSEARCH_URL, requestTimeoutMs: 120_000 });
  const store = createArticleStore(client, { prefix });
  const runtime = new CrawlRuntime(
    {
      ...crawlSettings(base),
      // The workers read QUEUE_PREFIX through the env schema, which puts it in braces.
      queuePrefix: queueKeyPrefix(prefix),
      sourcesDir: join(configDir, "sources"),
      dataDir: join(root, "data"),
    },
    pino({ level: "silent" }),
  );
  const peak = { crawl: 0, pipeline: 0 };
  const cpuUsed = { crawl: 0, pipeline: 0, web: 0, opensearch: 0, redis: 0 };
  const zero = { commands: 0, writes: 0 };
  const result: Result = {
    web,
    outlets: sites.length,
    articles: 0,
    seconds: 0,
    rate: 0,
    rssMb: { crawl: 0, pipeline: 0 },
    cpuSeconds: cpuUsed,
    redis: { crawl: zero, pipeline: zero },
    bulk: { docs: 0, seconds: 0, rate: 0 },
    redisBytes: {},
  };
  try {
    await Promise.all([
      started(crawl, '"crawl workers started"', logs.crawl),
      ...pipelines.map((child, i) => started(child, '"pipeline workers started"', pipelineLog(i))),
    ]);
    const services = servicePids(base.REDIS_URL, base.OPENSEARCH_URL);
    const cpuNow = () => ({
      crawl: cpuSeconds(crawl.pid),
      pipeline: pipelines.reduce((a, child) => a + cpuSeconds(child.pid), 0),
      web: cpuSeconds(process.pid),
      opensearch: cpuSeconds(services.opensearch),
      redis: cpuSeconds(services.redis),
    });
    const redis0 = {
      crawl: await redisCounts(crawl, logs.crawl),
      pipeline: await pipelineCounts(),
    };
    const cpu0 = cpuNow();
    const t0 = performance.now();
    const queued = await queueDiscoveryOfAll(runtime);
    if (queued.length !== sites.length)
      throw new Error(`${queued.length} of ${sites.length} sources queued: check the sources files`);
    let indexed = 0;
    const deadline = Date.now() + 30 * 60_000;
    while (indexed < total && Date.now() < deadline) {
      await sleep(250);
      peak.crawl = Math.max(peak.crawl, rssKb(crawl.pid));
      for (const child of pipelines) peak.pipeline = Math.max(peak.pipeline, rssKb(child.pid));
      // Counted as a search sees them, after the index's own refresh (1 s): forcing a refresh four
      // times a second would add engine work that production does not do.
      indexed = await store.count().catch(() => indexed);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuNow();
    for (const key of Object.keys(cpu1) as (keyof typeof cpu1)[]) cpuUsed[key] = cpu1[key] - cpu0[key];
    const redis1 = {
      crawl: await redisCounts(crawl, logs.crawl),
      pipeline: await pipelineCounts(),
    };
    const delta = (a: typeof zero, b: typeof zero) => ({
      commands: b.commands - a.commands,
      writes: b.writes - a.writes,
    });
    Object.assign(result, {
      articles: indexed,
      seconds,
      rate: indexed / seconds,
      rssMb: { crawl: peak.crawl / 1024, pipeline: peak.pipeline / 1024 },
      redis: { crawl: delta(redis0.crawl, redis1.crawl), pipeline: delta(redis0.pipeline, redis1.pipeline) },
    });
    crawl.kill("SIGTERM");
    for (const child of pipelines) child.kill("SIGTERM");
    // Warnings and errors of the workers (retries, stalls) say why a run was slow.
    for (const [name, output] of Object.entries(logs)) {
      const troubles = output
        .join("")
        .split("\n")
        .filter((line) => /"level":(40|50|60)/.test(line));
      if (troubles.length)
        console.error(
          `[${web}] ${name}: ${troubles.length} warnings/errors, first: ${troubles[0]!.slice(0, 400)}`,
        );
    }
    result.bulk = await bulkRate(client, prefix);
  } finally {
    crawl.kill("SIGTERM");
    for (const child of pipelines) child.kill("SIGTERM");
    await runtime.close();
    const { Redis } = await import("ioredis");
    const redis = new Redis(base.REDIS_URL);
    const found = await redis.keys(`${queueKeyPrefix(prefix)}:*`);
    result.redisBytes = await redisBytesByKind(redis, found, queueKeyPrefix(prefix));
    for (let i = 0; i < found.length; i += 1000) await redis.del(...found.slice(i, i + 1000));
    redis.disconnect();
    await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true }).catch(() => undefined);
    for (const template of [`${prefix}-articles-template`, `${prefix}-bulk-articles-template`])
      await client.indices.deleteIndexTemplate({ name: template }, { ignore: [404] }).catch(() => undefined);
    await client.close();
    await fixture.close();
    await rm(root, { recursive: true, force: true });
  }
  return result;
}

const results: Result[] = [];
for (const web of webs) results.push(await runWeb(web));

const analyzers = pipelineCount === 1 ? "analyze+index" : `${pipelineCount} analyze+index processes`;
const label = (r: Result) =>
  r.web === "real"
    ? `real-text stream (${r.outlets} outlets) → crawl → ${analyzers}`
    : `worst case: 24 stories repeated (${r.outlets} outlets) → crawl → ${analyzers}`;
printTable(
  [
    "end to end",
    "indexed",
    "seconds",
    "articles/s",
    "bulk index docs/s",
    "e2e / bulk",
    "crawl RSS MB",
    "pipeline RSS MB",
  ],
  results.map((r) => [
    label(r),
    `${r.articles}/${total}`,
    r.seconds.toFixed(1),
    r.rate.toFixed(1),
    r.bulk.rate.toFixed(0),
    (r.rate / Math.max(r.bulk.rate, 1e-9)).toFixed(3),
    r.rssMb.crawl.toFixed(0),
    r.rssMb.pipeline.toFixed(0),
  ]),
);
const perArticle = (r: Result, value: number, scale = 1) =>
  ((value * scale) / Math.max(1, r.articles)).toFixed(1);
printTable(
  ["CPU per article, ms", "crawl", "pipeline", "web", "opensearch", "redis", "all", "cores busy"],
  results.map((r) => {
    const all = Object.values(r.cpuSeconds).reduce((a, b) => a + b, 0);
    return [
      r.web,
      ...["crawl", "pipeline", "web", "opensearch", "redis"].map((k) =>
        perArticle(r, r.cpuSeconds[k] ?? 0, 1000),
      ),
      perArticle(r, all, 1000),
      (all / Math.max(r.seconds, 1e-9)).toFixed(2),
    ];
  }),
);
printTable(
  [
    "Redis per article",
    "crawl commands",
    "crawl round trips",
    "pipeline commands",
    "pipeline round trips",
    "all round trips",
  ],
  results.map((r) => [
    r.web,
    perArticle(r, r.redis.crawl.commands),
    perArticle(r, r.redis.crawl.writes),
    perArticle(r, r.redis.pipeline.commands),
    perArticle(r, r.redis.pipeline.writes),
    perArticle(r, r.redis.crawl.writes + r.redis.pipeline.writes),
  ]),
);
const kinds = [...new Set(results.flatMap((r) => Object.keys(r.redisBytes)))].sort();
printTable(
  ["Redis bytes per article (left after the run)", ...kinds, "all"],
  results.map((r) => {
    const per = (bytes: number) => (bytes / Math.max(1, r.articles)).toFixed(0);
    return [
      r.web,
      ...kinds.map((kind) => per(r.redisBytes[kind] ?? 0)),
      per(Object.values(r.redisBytes).reduce((a, b) => a + b, 0)),
    ];
  }),
);
if (values.json)
  console.log(
    JSON.stringify({
      e2e: results.map((r) => ({
        web: r.web,
        articles: r.articles,
        expected: total,
        seconds: r.seconds,
        articlesPerSecond: r.rate,
        rssMb: r.rssMb,
        cpuSeconds: r.cpuSeconds,
        redis: r.redis,
        bulk: r.bulk,
      })),
    }),
  );
process.exit(results.every((r) => r.articles === total) ? 0 : 1);
