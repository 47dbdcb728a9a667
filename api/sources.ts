/**
 * Source health for `GET /api/sources`. The crawler records it (src/crawl/healthStore.ts: one JSON
 * document per source in Redis); the configured sources come from the catalog (config/sources).
 * The route reads through `SourceHealthReader`, so it does not depend on either storage.
 *
 * Every configured source is listed, including those that never ran (state `new`), so a feed that
 * was never reached shows up as clearly as one that fails.
 */
import { troubleFirst } from "../src/crawl/health.ts";
import { HealthStore } from "../src/crawl/healthStore.ts";
import { type PoliteDeps, politeFetch } from "../src/crawl/politeFetch.ts";
import { SourceEntries } from "../src/crawl/sourceEntries.ts";
import { redisRobotsStore } from "../src/crawl/stores.ts";
import { type TrialResult, trialFetch } from "../src/crawl/trialFetch.ts";
import { checkUrl, GuardedDispatchers } from "../src/fetch/guard.ts";
import { httpFetch } from "../src/fetch/http.ts";
import type { Logger } from "../src/log.ts";
import type { SourceHealth } from "../src/model/source.ts";
import type { RedisClient } from "../src/queue/connection.ts";
import { HostLimiter } from "../src/queue/hostLimiter.ts";
import { SourceCatalog } from "../src/sources/catalog.ts";
import type { Source } from "../src/sources/schema.ts";

export interface SourceStatus {
  id: string;
  outlet_id: string | null;
  outlet_name: string | null;
  kind: string | null;
  url: string | null;
  enabled: boolean;
  state: SourceHealth["state"];
  runs: number;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: { kind: string; message: string; at: string; stage: string; url?: string } | null;
  consecutive_failures: number;
  empty_runs: number;
  items_last_run: number;
  new_items_last_run: number;
  /** Paused by an operator in the dashboard; and where it is configured. */
  paused: boolean;
  origin: "file" | "api";
  /** While silent: how long since the last new item; and the usual interval it was judged by. */
  silent_for_ms: number | null;
  publish_interval_ms: number | null;
}

export interface SourceHealthReader {
  list(): Promise<SourceStatus[]>;
}

export function sourceStatus(
  source: Pick<Source, "id" | "outletId" | "outletName" | "kind" | "url" | "enabled"> &
    Partial<Pick<Source, "paused" | "file">>,
  health: SourceHealth,
): SourceStatus {
  return {
    id: source.id,
    outlet_id: source.outletId,
    outlet_name: source.outletName,
    kind: source.kind,
    url: source.url,
    enabled: source.enabled,
    paused: source.paused ?? false,
    origin: source.file?.startsWith("api:") ? "api" : "file",
    state: health.state,
    runs: health.runs,
    last_run_at: health.last_run_at,
    last_success_at: health.last_success_at,
    last_error: health.last_error,
    consecutive_failures: health.consecutive_failures,
    empty_runs: health.empty_runs,
    items_last_run: health.items_last_run,
    new_items_last_run: health.new_items_last_run,
    silent_for_ms: health.silent_for_ms ?? null,
    publish_interval_ms: health.publish_interval_ms ?? null,
  };
}

/** Configured sources joined with their recorded health. */
export function createSourceHealthReader(parts: {
  catalog: { all(): Promise<{ sources: Source[] }> };
  health: { all(sourceIds: string[]): Promise<SourceHealth[]> };
}): SourceHealthReader {
  return {
    async list() {
      const { sources } = await parts.catalog.all();
      const health = await parts.health.all(sources.map((source) => source.id));
      // Silent and failing sources first, the longest trouble first (src/crawl/health.ts).
      return sources
        .map((source, i) => ({ source, health: health[i]! }))
        .sort((a, b) => troubleFirst(a.health, b.health))
        .map(({ source, health }) => sourceStatus(source, health));
    },
  };
}

/** The production wiring: the crawler's Redis records and the sources (directory and dashboard). */
export function createRedisSourceHealthReader(
  redis: RedisClient,
  options: { queuePrefix: string; catalog: SourceCatalog },
): SourceHealthReader {
  return createSourceHealthReader({
    catalog: options.catalog,
    health: new HealthStore(redis, options.queuePrefix),
  });
}

/** What the source routes edit and test, beside the health they read. */
export interface SourceConfig {
  /** Outlets entered through the dashboard and paused sources. */
  entries: SourceEntries;
  /** Every configured source: the files' and the dashboard's, pauses applied. */
  catalog: SourceCatalog;
  /** "Test one fetch now": discovery and extraction of one source, nothing stored. */
  trial(source: Source): Promise<TrialResult>;
}

export function createSourceConfig(
  redis: RedisClient,
  options: { queuePrefix: string; sourcesDir: string; logger?: Logger },
): SourceConfig {
  const entries = new SourceEntries(redis, options.queuePrefix);
  const catalog = new SourceCatalog(options.sourcesDir, {
    // Short: an outlet added or paused here shows on the next reload of the page.
    checkEveryMs: 1000,
    entered: entries,
    ...(options.logger && { logger: options.logger }),
  });
  const dispatchers = new GuardedDispatchers();
  const politeDeps: PoliteDeps = {
    guard: (url, allowHosts) => checkUrl(url, allowHosts),
    http: (request) =>
      httpFetch(
        { ...request, limits: { totalTimeoutMs: 20_000, ...request.limits } },
        { dispatcherFor: (url, allow) => dispatchers.for(url, allow) },
      ),
    // The crawl's own host slots and robots.txt cache: a test fetch is one more polite request.
    limiter: new HostLimiter(redis, options.queuePrefix),
    robots: redisRobotsStore(redis, options.queuePrefix),
  };
  return {
    entries,
    catalog,
    trial: (source) =>
      trialFetch(source, {
        fetch: ({ url, accept, headers }) =>
          politeFetch(
            {
              url,
              accept,
              headers,
              allowHosts: source.allowHosts,
              politeness: source.politeness,
              maxWaitMs: 15_000,
            },
            politeDeps,
          ),
      }),
  };
}
