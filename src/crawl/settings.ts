/**
 * The crawl's knobs, derived once from the environment and overridable by the CLI (tests shorten
 * timeouts and lock durations; production keeps the defaults).
 */
import { join } from "node:path";
import type { Env } from "../config/env.ts";
import type { FetchLimits } from "../fetch/http.ts";
import { QUICK_RETRIES } from "../fetch/retry.ts";
import type { BackoffPolicy } from "../model/errors.ts";
import { type RedisTarget, redisTarget } from "../queue/connection.ts";

export interface CrawlSettings {
  /** REDIS_URL, or the cluster of REDIS_CLUSTER_NODES. */
  redis: RedisTarget;
  queuePrefix: string;
  dataDir: string;
  /** Where archived pages go (SNAPSHOT_STORE) and, for OpenSearch, how to reach it. */
  snapshots: {
    kind: "opensearch" | "files";
    opensearch: { url: string; username?: string | undefined; password?: string | undefined; prefix: string };
  };
  sourcesDir: string;
  /** How often the sources directory is checked for changes (a cheap stat of each file). */
  sourcesCheckMs: number;
  chromiumPath: string;
  logLevel: string;
  fetchLimits: Partial<FetchLimits>;
  quickRetries: BackoffPolicy;
  /** Host slots expire after this unless renewed: how long a killed process can block a host. */
  leaseTtlMs: number;
  /** Empty runs in a row after which a source that used to have items is "silent". */
  silentAfterRuns: number;
  /** How long a job may wait in-process for a host slot before going back to the queue. */
  slotWaitMs: { discover: number; article: number };
  worker: {
    lockDurationMs: number;
    stalledIntervalMs: number;
    concurrency: { discover: number; fetch: number; render: number };
  };
  render: { poolSize: number; pageTimeoutMs: number };
  /** How often the scheduler re-reads the sources and re-plans. */
  schedulerTickMs: number;
}

/** Job locks and the stalled-job check, the same for the workers of every role. */
export const DEFAULT_WORKER_TUNING = { lockDurationMs: 60_000, stalledIntervalMs: 30_000 };

export function crawlSettings(env: Env, overrides: Partial<CrawlSettings> = {}): CrawlSettings {
  return {
    redis: redisTarget(env),
    queuePrefix: env.QUEUE_PREFIX,
    dataDir: env.DATA_DIR,
    snapshots: {
      kind: env.SNAPSHOT_STORE,
      opensearch: {
        url: env.OPENSEARCH_URL,
        username: env.OPENSEARCH_USERNAME,
        password: env.OPENSEARCH_PASSWORD,
        prefix: env.INDEX_PREFIX,
      },
    },
    sourcesDir: join(env.CONFIG_DIR, "sources"),
    sourcesCheckMs: 2_000,
    chromiumPath: env.CHROMIUM_PATH,
    logLevel: env.LOG_LEVEL,
    fetchLimits: {},
    quickRetries: QUICK_RETRIES,
    leaseTtlMs: 30_000,
    silentAfterRuns: 3,
    slotWaitMs: { discover: 15_000, article: 1_000 },
    worker: {
      ...DEFAULT_WORKER_TUNING,
      concurrency: { discover: 4, fetch: 8, render: 2 },
    },
    render: { poolSize: 2, pageTimeoutMs: 20_000 },
    schedulerTickMs: 30_000,
    ...overrides,
  };
}
