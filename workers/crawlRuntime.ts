/**
 * Wiring: builds every adapter the crawl jobs need from the settings, once per process, and hands
 * the jobs their dependencies. Nothing in here decides anything; the decisions are in the job
 * modules and in src/fetch, src/discover, src/extract.
 */
import { launchChromium } from "../src/browser/chromium.ts";
import type { ArticleJobDeps, PageResult } from "../src/crawl/articleJob.ts";
import type { DiscoverJobDeps } from "../src/crawl/discoverJob.ts";
import { afterArticleError, afterRun } from "../src/crawl/health.ts";
import { HealthStore } from "../src/crawl/healthStore.ts";
import type { CrawlMetrics } from "../src/crawl/metrics.ts";
import { type PoliteDeps, politeFetch, politely } from "../src/crawl/politeFetch.ts";
import { memoizedRobotsStore } from "../src/crawl/robotsMemo.ts";
import type { CrawlSettings } from "../src/crawl/settings.ts";
import { type Snapshots, snapshotsFor } from "../src/crawl/snapshotStores.ts";
import { SourceEntries } from "../src/crawl/sourceEntries.ts";
import { redisRobotsStore, redisValidatorsStore } from "../src/crawl/stores.ts";
import type { DiscoverDeps } from "../src/discover/discover.ts";
import { checkUrl, GuardedDispatchers } from "../src/fetch/guard.ts";
import { ACCEPT_HTML } from "../src/fetch/headers.ts";
import { type FetchRequest, type FetchResult, httpFetch } from "../src/fetch/http.ts";
import { BrowserRenderer } from "../src/fetch/render.ts";
import { withRetries } from "../src/fetch/retry.ts";
import type { RobotsStore } from "../src/fetch/robots.ts";
import type { Logger } from "../src/log.ts";
import { createRedis, type RedisClient } from "../src/queue/connection.ts";
import { type ArticlePayload, articleJobId, Producers } from "../src/queue/contract.ts";
import { HostLimiter } from "../src/queue/hostLimiter.ts";
import { SeenUrls } from "../src/queue/seen.ts";
import { SourceCatalog } from "../src/sources/catalog.ts";
import type { Source } from "../src/sources/schema.ts";
import { createSearchClient, type SearchClient } from "../src/store/client.ts";

export class CrawlRuntime {
  readonly bullmq: RedisClient;
  readonly commands: RedisClient;
  private readonly healthRedis: RedisClient;
  readonly producers: Producers;
  readonly catalog: SourceCatalog;
  readonly limiter: HostLimiter;
  readonly seen: SeenUrls;
  readonly health: HealthStore;
  readonly snapshots: Snapshots;
  /** Only when snapshots go to OpenSearch: the crawl needs nothing else of the engine. */
  private readonly searchClient: SearchClient | null;
  private readonly dispatchers = new GuardedDispatchers();
  /** One per process, so that its memory of robots.txt records serves every job. */
  private readonly robots: RobotsStore;
  private renderer: BrowserRenderer | null = null;

  constructor(
    readonly settings: CrawlSettings,
    readonly logger: Logger,
    readonly metrics?: CrawlMetrics,
  ) {
    this.bullmq = createRedis(settings.redis, "bullmq", "presswatch-crawl-bullmq", logger);
    this.commands = createRedis(settings.redis, "commands", "presswatch-crawl", logger);
    this.healthRedis = createRedis(settings.redis, "commands", "presswatch-crawl-health", logger);
    this.producers = new Producers(this.bullmq, settings.queuePrefix);
    this.catalog = new SourceCatalog(settings.sourcesDir, {
      logger,
      checkEveryMs: settings.sourcesCheckMs,
      // Outlets added and sources paused in the dashboard.
      entered: new SourceEntries(this.commands, settings.queuePrefix),
    });
    this.limiter = new HostLimiter(this.commands, settings.queuePrefix, {
      leaseTtlMs: settings.leaseTtlMs,
      logger,
    });
    this.seen = new SeenUrls(this.commands, settings.queuePrefix);
    this.health = new HealthStore(this.healthRedis, settings.queuePrefix);
    this.robots = memoizedRobotsStore(redisRobotsStore(this.commands, settings.queuePrefix));
    const { kind, opensearch } = settings.snapshots;
    this.searchClient = kind === "opensearch" ? createSearchClient(opensearch) : null;
    this.snapshots = snapshotsFor(kind, {
      client: this.searchClient!,
      prefix: opensearch.prefix,
      dataDir: settings.dataDir,
    });
  }

  /** The guarded fetcher with quick retries: every HTTP request of the crawl goes through it. */
  readonly http = (request: FetchRequest): Promise<FetchResult> =>
    withRetries(
      () =>
        httpFetch(
          { ...request, limits: { ...this.settings.fetchLimits, ...request.limits } },
          { dispatcherFor: (url, allow) => this.dispatchers.for(url, allow) },
        ),
      { policy: this.settings.quickRetries, ...(request.signal ? { signal: request.signal } : {}) },
    );

  private politeDeps(): PoliteDeps {
    return {
      guard: (url, allowHosts) => checkUrl(url, allowHosts),
      http: this.http,
      limiter: this.limiter,
      robots: this.robots,
    };
  }

  private getRenderer(): BrowserRenderer {
    this.renderer ??= new BrowserRenderer({
      launch: () => launchChromium(this.settings.chromiumPath),
      poolSize: this.settings.render.poolSize,
      pageTimeoutMs: this.settings.render.pageTimeoutMs,
      fetch: this.http,
    });
    return this.renderer;
  }

  private async recordRun(sourceId: string, run: Parameters<typeof afterRun>[1]): Promise<void> {
    const health = await this.health.update(sourceId, (previous) =>
      afterRun(previous, run, this.settings.silentAfterRuns),
    );
    this.metrics?.onRun(health, run);
    if (health.state === "silent")
      this.logger.warn({ source: sourceId, empty_runs: health.empty_runs }, "source went silent");
  }

  private async recordArticleError(sourceId: string, error: { kind: string; message: string; url: string }) {
    await this.health.update(sourceId, (previous) => afterArticleError(previous, error, new Date()));
    this.metrics?.onArticleError(sourceId, error.kind);
  }

  discoverJobDeps(): DiscoverJobDeps {
    const validators = redisValidatorsStore(this.commands, this.settings.queuePrefix);
    return {
      source: (id) => this.catalog.get(id),
      discoverDeps: (source: Source, signal: AbortSignal): DiscoverDeps => ({
        fetch: ({ url, accept, headers }) =>
          politeFetch(
            {
              url,
              accept,
              headers,
              allowHosts: source.allowHosts,
              politeness: source.politeness,
              signal,
              maxWaitMs: this.settings.slotWaitMs.discover,
            },
            this.politeDeps(),
          ),
        validators,
      }),
      seen: this.seen,
      enqueue: async (source, entries) => {
        const discoveredAt = new Date().toISOString();
        const items = entries.map((entry) => {
          const payload: ArticlePayload = {
            url: entry.url,
            outlet_id: source.outletId,
            source_id: source.id,
            discovered_at: discoveredAt,
            hint: {
              ...(entry.title ? { title: entry.title } : {}),
              ...(entry.publishedRaw ? { published_raw: entry.publishedRaw } : {}),
            },
          };
          return { payload, jobId: articleJobId(entry.url) };
        });
        await this.producers.addBulk(source.render === "browser" ? "render" : "fetch", items);
      },
      recordRun: (sourceId, run) => this.recordRun(sourceId, run),
      now: () => new Date(),
      logger: this.logger.child({ worker: "discover" }),
    };
  }

  articleJobDeps(mode: "http" | "browser"): ArticleJobDeps {
    const getPage = (source: Source, url: string, signal: AbortSignal): Promise<PageResult> => {
      const request = {
        url,
        accept: ACCEPT_HTML,
        allowHosts: source.allowHosts,
        politeness: source.politeness,
        signal,
        maxWaitMs: this.settings.slotWaitMs.article,
      };
      if (mode === "http") return politeFetch(request, this.politeDeps());
      return politely(request, this.politeDeps(), ({ beforeHop }) =>
        this.getRenderer().render({ url, allowHosts: source.allowHosts, signal, beforeHop }),
      );
    };
    return {
      source: (id) => this.catalog.get(id),
      getPage,
      storeSnapshot: (bytes, meta) => this.snapshots.put(bytes, meta),
      produce: async (article) => {
        await this.producers.add("analyze", article, { jobId: article.id });
        this.metrics?.onArticle(article.outlet_id);
      },
      markSeen: (urls) => this.seen.mark(urls),
      recordError: (sourceId, error) => this.recordArticleError(sourceId, error),
      now: () => new Date(),
      logger: this.logger.child({ worker: mode === "http" ? "fetch" : "render" }),
    };
  }

  async close(): Promise<void> {
    await this.renderer?.close();
    await this.searchClient?.close();
    await this.producers.close();
    await this.dispatchers.close();
    for (const redis of [this.bullmq, this.commands, this.healthRedis]) redis.disconnect();
  }
}
