/**
 * Wiring of the second half of the pipeline (analyze → index → alerts): the analyzer and the
 * misinformation signals compiled once, the shared near-duplicate families in Redis, the article
 * store, the detector states, and the BullMQ workers that run the jobs. Decisions live in
 * analyzeJob.ts, indexJob.ts and alertsJob.ts; this file only connects them.
 */
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Analyzer } from "../analyze/analyze.ts";
import type { Env } from "../config/env.ts";
import type { Alert } from "../detect/alerts.ts";
import { cachedBudget, createBudgetStore } from "../detect/budget.ts";
import { type DetectorState, parseDetectorState } from "../detect/detector.ts";
import { createStateStore } from "../detect/redisState.ts";
import { parseStoryState, type StoryState } from "../detect/rumours.ts";
import type { Logger } from "../log.ts";
import { createRedis } from "../queue/connection.ts";
import { consume, hashId, Producers, QUEUES } from "../queue/contract.ts";
import { createAlertStore } from "../store/alerts.ts";
import { createClaimStore } from "../store/claims.ts";
import {
  type ArticleStore,
  createArticleStore,
  createSearchClient,
  type SearchClient,
} from "../store/index.ts";
import type { StoryCandidateQuery } from "../store/storyCandidates.ts";
import type { ArticleDoc } from "../store/types.ts";
import { createWatchlistStore } from "../store/watchlists.ts";
import { redisAlertLedger } from "./alertLedger.ts";
import { runAlertsJob, type WatchlistRef } from "./alertsJob.ts";
import { runAnalyzeJob } from "./analyzeJob.ts";
import { Batcher } from "./batcher.ts";
import { FamilyIndex } from "./familyIndex.ts";
import { FamilyStories } from "./familyStories.ts";
import { IndexBatcher } from "./indexJob.ts";
import { loadAnalyzer } from "./loadAnalyzer.ts";
import { liveSignals, type SignalsOf, signalFiles } from "./loadSignals.ts";

export interface PipelineSettings {
  analyzeConcurrency: number;
  /** Jobs waiting at once for a bulk request: the upper bound of one bulk. */
  indexBatchSize: number;
  indexMaxWaitMs: number;
  alertsConcurrency: number;
  /** Articles percolated against the watchlists in one request, and the longest wait for more. */
  percolateBatchSize: number;
  percolateMaxWaitMs: number;
  /** How often the claim registry is read again (claims edited through the API). */
  claimsReloadMs: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  analyzeConcurrency: 4,
  indexBatchSize: 200,
  indexMaxWaitMs: 500,
  // Alerts jobs mostly wait on Redis and the engine; batching percolation needs several in hand.
  alertsConcurrency: 16,
  percolateBatchSize: 50,
  percolateMaxWaitMs: 20,
  claimsReloadMs: 60_000,
};

/** What the process that runs the alerts stage plugs in (src/notify builds `notify`). */
export interface AlertHooks {
  notify?: (alert: Alert) => Promise<void>;
}

const DAY_SECONDS = 86_400;
/** Articles one story lookup returns for `pickStory` to compare. */
const STORY_CANDIDATES = 20;

/** Where the alerts stage keeps detector and story states in Redis (tests seed and read them). */
export function detectStatePrefixes(queuePrefix: string) {
  return { spike: `${queuePrefix}:detect:spike`, story: `${queuePrefix}:detect:story` };
}

export class PipelineRuntime {
  readonly bullmq: Redis;
  readonly commands: Redis;
  readonly client: SearchClient;
  readonly store: ArticleStore;
  readonly families: FamilyIndex;
  readonly producers: Producers;
  private stopSignals: () => void = () => undefined;

  private constructor(
    readonly env: Env,
    readonly analyzer: Analyzer,
    readonly signalsOf: SignalsOf,
    readonly logger: Logger,
    readonly settings: PipelineSettings,
  ) {
    this.bullmq = createRedis(env.REDIS_URL, "bullmq", "presswatch-pipeline-bullmq", logger);
    this.commands = createRedis(env.REDIS_URL, "commands", "presswatch-pipeline", logger);
    this.client = createSearchClient({
      url: env.OPENSEARCH_URL,
      username: env.OPENSEARCH_USERNAME,
      password: env.OPENSEARCH_PASSWORD,
    });
    this.store = createArticleStore(this.client, {
      prefix: env.INDEX_PREFIX,
      timeZone: analyzer.plan.timezone,
    });
    this.families = new FamilyIndex(this.commands, env.QUEUE_PREFIX);
    this.producers = new Producers(this.bullmq, env.QUEUE_PREFIX);
  }

  static async create(
    env: Env,
    logger: Logger,
    settings: Partial<PipelineSettings> = {},
  ): Promise<PipelineRuntime> {
    const analyzer = await loadAnalyzer(env.PLAN_FILE, env.THEME_MODEL_FILE);
    // The claim store needs the runtime's engine client: the runtime reads the signals through this
    // slot, filled before any worker starts.
    let signalsOf: SignalsOf = () => {
      throw new Error("misinformation signals used before they were loaded");
    };
    const runtime = new PipelineRuntime(
      env,
      analyzer,
      (article, story) => signalsOf(article, story),
      logger,
      {
        ...DEFAULT_PIPELINE_SETTINGS,
        ...settings,
      },
    );
    const signals = await liveSignals(
      signalFiles(env.CONFIG_DIR),
      analyzer.plan,
      createClaimStore(runtime.client, { prefix: env.INDEX_PREFIX }),
      {
        everyMs: runtime.settings.claimsReloadMs,
        onReload: (claims) => logger.info({ claims }, "claim registry reloaded"),
        onError: (error) =>
          logger.warn({ err: error }, "claim registry reload failed; keeping the last good one"),
      },
    );
    signalsOf = signals.signalsOf;
    runtime.stopSignals = signals.stop;
    await runtime.store.ensureReady();
    logger.info(
      { analyzer: analyzer.version, claims: signals.claimCount, index: runtime.store.alias },
      "pipeline ready",
    );
    return runtime;
  }

  private workerOptions(concurrency: number) {
    return { connection: this.bullmq, prefix: this.env.QUEUE_PREFIX, concurrency, maxStalledCount: 2 };
  }

  private logFailures(worker: Worker, role: string): Worker {
    worker.on("failed", (job: Job | undefined, error: Error) => {
      this.logger.error(
        { worker: role, job: job?.id, attempts: job?.attemptsMade, err: error },
        "job failed",
      );
    });
    worker.on("error", (error) => this.logger.error({ worker: role, err: error }, "worker error"));
    // A worker that died mid-job (SIGKILL, a lost host) leaves its jobs to be taken up again.
    worker.on("stalled", (jobId: string) =>
      this.logger.warn(
        { worker: role, job: jobId },
        "job stalled: its worker stopped answering; it runs again",
      ),
    );
    return worker;
  }

  startAnalyzeWorker(): { stop(): Promise<void> } {
    const familyStories = new FamilyStories(this.commands, this.env.QUEUE_PREFIX);
    const deps = {
      analyzer: this.analyzer,
      families: this.families,
      signals: this.signalsOf,
      stories: {
        candidates: (article: StoryCandidateQuery, windowHours: number) =>
          this.store.storyCandidates(article, { windowHours, size: STORY_CANDIDATES }),
        settle: (family: string, story: string) => familyStories.settle(family, story),
      },
      enqueueIndex: async (doc: ArticleDoc, demote: string | null, claims: string[]) => {
        // One index job per version of the article's text and analysis: re-sending it is a no-op.
        const jobId = hashId(`${doc.id}:${doc.content_hash}:${doc.analyzer_version}:${doc.cluster_id}`);
        await this.producers.add("index", { doc: { ...doc }, demote, claims }, { jobId });
      },
    };
    const processor = consume("analyze", (payload) => runAnalyzeJob(payload, deps));
    const worker = this.logFailures(
      new Worker(QUEUES.analyze.name, processor, this.workerOptions(this.settings.analyzeConcurrency)),
      "analyze",
    );
    return { stop: () => worker.close() };
  }

  startIndexWorker(): { stop(): Promise<void> } {
    const batcher = new IndexBatcher(
      {
        store: this.store,
        originalsOf: (families) => this.families.originalsOf(families),
        // One alerts job per article, ever (within the queue's retention): see alertsJob.ts.
        enqueueAlerts: async (doc, claims) => {
          await this.producers.add("alerts", { id: doc.id, claims }, { jobId: doc.id });
        },
      },
      { maxSize: this.settings.indexBatchSize, maxWaitMs: this.settings.indexMaxWaitMs },
    );
    const processor = consume("index", (payload) =>
      batcher.index(payload.doc as unknown as ArticleDoc, payload.demote, payload.claims),
    );
    const worker = this.logFailures(
      new Worker(QUEUES.index.name, processor, this.workerOptions(this.settings.indexBatchSize)),
      "index",
    );
    return {
      stop: async () => {
        // Closing waits for the jobs in hand, which wait for their bulk: send it now.
        const closing = worker.close();
        await batcher.drain();
        await closing;
      },
    };
  }

  async startAlertsWorker(hooks: AlertHooks = {}): Promise<{ stop(): Promise<void> }> {
    const prefix = this.env.INDEX_PREFIX;
    const alerts = createAlertStore(this.client, { prefix });
    const watchlists = createWatchlistStore(this.client, { prefix });
    await Promise.all([alerts.ensureReady(), watchlists.ensureReady()]);
    const percolator = new Batcher<ArticleDoc, WatchlistRef[]>({
      maxSize: this.settings.percolateBatchSize,
      maxWaitMs: this.settings.percolateMaxWaitMs,
      flush: async (docs) => (await watchlists.percolate(docs)).map((entry) => entry.watchlists),
    });
    const statePrefix = detectStatePrefixes(this.env.QUEUE_PREFIX);
    const deps = {
      load: (id: string) => this.store.get(id),
      stores: {
        // A series silent for a month starts over; a story is over after a week.
        detectors: createStateStore<DetectorState>(this.commands, {
          prefix: statePrefix.spike,
          parse: (json) => parseDetectorState(json),
          ttlSeconds: 30 * DAY_SECONDS,
        }),
        stories: createStateStore<StoryState>(this.commands, {
          prefix: statePrefix.story,
          parse: (json, key) => parseStoryState(json, key),
          ttlSeconds: 7 * DAY_SECONDS,
        }),
      },
      ledger: redisAlertLedger(this.commands, this.env.QUEUE_PREFIX),
      budget: cachedBudget(createBudgetStore(this.commands, this.env.QUEUE_PREFIX)),
      percolate: (doc: ArticleDoc) => percolator.add(doc),
      alerts,
      notify: hooks.notify,
    };
    const processor = consume("alerts", async (payload) => {
      const result = await runAlertsJob(payload, deps);
      if (result.created.length)
        this.logger.info({ article: result.id, alerts: result.created }, "alerts raised");
      return result;
    });
    const worker = this.logFailures(
      new Worker(QUEUES.alerts.name, processor, this.workerOptions(this.settings.alertsConcurrency)),
      "alerts",
    );
    return {
      stop: async () => {
        const closing = worker.close();
        await percolator.drain();
        await closing;
      },
    };
  }

  async close(): Promise<void> {
    this.stopSignals();
    await this.producers.close();
    await this.client.close();
    this.bullmq.disconnect();
    this.commands.disconnect();
  }
}
