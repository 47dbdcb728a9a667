/**
 * A single crawl of the configured sources, in this process: queue one discovery per enabled
 * source, run the workers until the crawl queues are empty, stop them. Used by
 * `presswatch crawl --once`, the integration tests and the bench. The jobs still go through Redis,
 * so a crawl can be shared with workers running elsewhere.
 */
import type { Worker } from "bullmq";
import type { SourceHealth } from "../src/model/source.ts";
import { hashId, type QueueKey } from "../src/queue/contract.ts";
import type { CrawlRuntime } from "./crawlRuntime.ts";
import { startArticleWorker, startDiscoverWorker } from "./roles.ts";

const CRAWL_QUEUES: QueueKey[] = ["discover", "fetch", "render"];
const PENDING = ["waiting", "active", "delayed", "prioritized", "waiting-children"] as const;

export interface OnceSummary {
  sources: SourceHealth[];
  analyzeJobs: number;
  durationMs: number;
}

/** Jobs not finished yet on the crawl queues. */
export async function pendingJobs(rt: CrawlRuntime): Promise<number> {
  let total = 0;
  for (const key of CRAWL_QUEUES) {
    const counts = await rt.producers.queue(key).getJobCounts(...PENDING);
    total += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  return total;
}

/** Resolves once the crawl queues have stayed empty for two checks in a row. */
export async function waitUntilIdle(rt: CrawlRuntime, options: { pollMs?: number; timeoutMs?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let idleChecks = 0;
  while (idleChecks < 2) {
    if (Date.now() > deadline) throw new Error("crawl did not finish in time");
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    idleChecks = (await pendingJobs(rt)) === 0 ? idleChecks + 1 : 0;
  }
}

export async function queueDiscoveryOfAll(rt: CrawlRuntime, only?: string[]): Promise<string[]> {
  const { sources } = await rt.catalog.all();
  const chosen = sources.filter((source) => source.enabled && (!only || only.includes(source.id)));
  const round = Date.now().toString(36);
  for (const source of chosen) {
    await rt.producers.add(
      "discover",
      { source_id: source.id, trigger: "once" },
      { jobId: `once-${hashId(source.id)}-${round}` },
    );
  }
  return chosen.map((source) => source.id);
}

export async function crawlOnce(
  rt: CrawlRuntime,
  options: { only?: string[]; timeoutMs?: number } = {},
): Promise<OnceSummary> {
  const started = Date.now();
  const workers: Worker[] = [startDiscoverWorker(rt), startArticleWorker(rt, "http")];
  const { sources } = await rt.catalog.all();
  if (sources.some((source) => source.enabled && source.render === "browser"))
    workers.push(startArticleWorker(rt, "browser"));
  try {
    const ids = await queueDiscoveryOfAll(rt, options.only);
    await waitUntilIdle(rt, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
    return {
      sources: await rt.health.all(ids),
      analyzeJobs: await rt.producers.queue("analyze").count(),
      durationMs: Date.now() - started,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
