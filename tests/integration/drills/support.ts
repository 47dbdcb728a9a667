/**
 * What the reliability drills share: worker processes (crawl and pipeline) on chosen services, a
 * Redis server of their own with append-only persistence, a feed of extracted articles, and the
 * counts that prove nothing was lost or duplicated.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import type { ExtractedArticle } from "../../../src/model/article.ts";
import type { SearchClient } from "../../../src/store/index.ts";
import { asExtracted, syntheticArticleStream } from "../../helpers/syntheticArticles.ts";
import { crawlWorkerCommand } from "../crawl/processes.ts";

const REPO = join(import.meta.dirname, "../../..");

export interface Proc {
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Log lines (pino JSON) matching a pattern. */
  grep(pattern: RegExp): string[];
}

function watch(child: ChildProcess, readyLine: string): Proc {
  const lines: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let buffered = "";
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (line.includes(readyLine)) markReady();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    ready: Promise.race([
      ready,
      exited.then(({ code }) => {
        throw new Error(`process exited (${code}) before it was ready:\n${lines.slice(-20).join("\n")}`);
      }),
    ]),
    exited,
    grep: (pattern) => lines.filter((line) => pattern.test(line)),
  };
}

/** `tools/drills/pipeline-worker.ts` (analyze and index by default) as a child process. */
export function spawnPipelineWorker(env: Record<string, string>, roles = "analyze,index"): Proc {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO, "tools/drills/pipeline-worker.ts"), roles],
    {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: "info", NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return watch(child, '"pipeline workers started"');
}

/** `presswatch crawl --workers` with test-sized timeouts, on the given Redis. */
export function spawnCrawlWorker(
  options: { redisUrl: string; prefix: string; configDir: string; dataDir: string },
  roles = "discover,fetch",
): Proc {
  const { args, env } = crawlWorkerCommand(options, roles);
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
  return watch(child, '"crawl workers started"');
}

/** A redis-server of the drill's own, append-only, on its own port and directory. */
export class OwnRedis {
  private child: ChildProcess | undefined;
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<OwnRedis> {
    const dir = await mkdtemp(join(tmpdir(), "presswatch-drill-redis-"));
    const redis = new OwnRedis(16_400 + Math.floor(Math.random() * 1000), dir);
    await redis.up();
    return redis;
  }

  async up(): Promise<void> {
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--appendonly",
        "yes",
        "--save",
        "",
      ],
      { stdio: "ignore" },
    );
    this.child = child;
    for (let attempt = 0; attempt < 80; attempt++) {
      const probe = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on("error", () => undefined);
      try {
        await probe.connect();
        // After a restart the append-only file is loaded before the server answers commands.
        if ((await probe.ping()) === "PONG") return;
      } catch {
        // not yet
      } finally {
        probe.disconnect();
      }
      await sleep(100);
    }
    throw new Error(`redis-server on ${this.port} did not start`);
  }

  /** SIGTERM: Redis flushes the append-only file and exits, as a service manager would stop it. */
  async down(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

export function extractedArticles(count: number, seed: number): ExtractedArticle[] {
  return [...syntheticArticleStream(count, seed)].map(asExtracted);
}

/** Every document id behind the alias, read with a scroll (duplicates would show twice). */
export async function indexedIds(client: SearchClient, alias: string): Promise<string[]> {
  return (await indexedDocs(client, alias)).map((doc) => doc.id);
}

/** Every document behind the alias with the index it is in, read with a scroll. */
export async function indexedDocs(
  client: SearchClient,
  alias: string,
): Promise<Array<{ id: string; index: string }>> {
  await client.indices.refresh({ index: alias });
  const docs: Array<{ id: string; index: string }> = [];
  let response = await client.search({
    index: alias,
    scroll: "1m",
    body: { size: 1000, _source: false, query: { match_all: {} } },
  });
  for (;;) {
    const hits = (response.body.hits.hits as Array<{ _id: string; _index: string }>) ?? [];
    if (!hits.length) break;
    docs.push(...hits.map((hit) => ({ id: hit._id, index: hit._index })));
    response = await client.scroll({ scroll_id: response.body._scroll_id as string, scroll: "1m" });
  }
  await client.clearScroll({ scroll_id: response.body._scroll_id as string }).catch(() => undefined);
  return docs;
}

export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** Events BullMQ wrote to a queue's event stream (`stalled`, `failed`, `retries-exhausted`…), by name. */
export async function queueEvents(
  redis: Redis,
  prefix: string,
  queue: string,
): Promise<Record<string, number>> {
  const entries = await redis.xrange(`${prefix}:${queue}:events`, "-", "+");
  const counts: Record<string, number> = {};
  for (const [, fields] of entries) {
    const at = fields.indexOf("event");
    const name = at >= 0 ? fields[at + 1]! : "?";
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, pollMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(pollMs);
  }
}

export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  admin.on("error", () => undefined);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await admin.del(...keys);
    } while (cursor !== "0");
  } finally {
    admin.disconnect();
  }
}
