/**
 * The adapters of the second half of the pipeline (analyze → index → alerts), built once per
 * process: the analyzer and the misinformation signals compiled once, the shared near-duplicate
 * families in Redis, the article store, the detector states; and the dependencies each job gets.
 * Decisions live in src/pipeline (analyzeJob.ts, indexJob.ts, alertsJob.ts); the BullMQ workers
 * that run the jobs are started by the composition root, roles.ts.
 */
import type { Analyzer } from "../src/analyze/analyze.ts";
import { countsOf, DEFAULT_STORY_SETTINGS } from "../src/analyze/stories.ts";
import { storyTermsOf } from "../src/analyze/storyTerms.ts";
import type { Env } from "../src/config/env.ts";
import { cachedBudget, createBudgetStore } from "../src/detect/budget.ts";
import { type DetectorState, parseDetectorState } from "../src/detect/detector.ts";
import { createStateStore } from "../src/detect/redisState.ts";
import { parseStoryState, type StoryState } from "../src/detect/rumours.ts";
import type { Logger } from "../src/log.ts";
import type { Alert } from "../src/model/alert.ts";
import type { ArticleDoc } from "../src/model/article.ts";
import { redisAlertLedger } from "../src/pipeline/alertLedger.ts";
import type { AlertsJobDeps, WatchlistRef } from "../src/pipeline/alertsJob.ts";
import type { StoryDeps, StoryQuery } from "../src/pipeline/analyzeJob.ts";
import { Batcher } from "../src/pipeline/batcher.ts";
import { Coalescer } from "../src/pipeline/coalescer.ts";
import { FamilyIndex } from "../src/pipeline/familyIndex.ts";
import { FamilyStories } from "../src/pipeline/familyStories.ts";
import { IndexBatcher } from "../src/pipeline/indexJob.ts";
import { loadAnalyzer } from "../src/pipeline/loadAnalyzer.ts";
import { liveSignals, type SignalsOf, signalFiles } from "../src/pipeline/loadSignals.ts";
import { type StoryTermEntry, StoryTermIndex } from "../src/pipeline/storyTermIndex.ts";
import { createRedis, type RedisClient, redisTarget } from "../src/queue/connection.ts";
import { hashId, Producers } from "../src/queue/contract.ts";
import { createAlertStore } from "../src/store/alerts.ts";
import { createClaimStore } from "../src/store/claims.ts";
import { type CorrectionStore, createCorrectionStore } from "../src/store/corrections.ts";
import {
  type ArticleStore,
  createArticleStore,
  createSearchClient,
  layoutFromEnv,
  type SearchClient,
  searchOptions,
} from "../src/store/index.ts";
import type { StoryCandidateDoc } from "../src/store/storyCandidates.ts";
import { createWatchlistStore } from "../src/store/watchlists.ts";

export interface PipelineSettings {
  /**
   * Analyze jobs in hand at once. Each waits for the bulk that indexes its document, so this is
   * about two bulks: one being filled while the other is in the engine.
   */
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
  analyzeConcurrency: 256,
  indexBatchSize: 128,
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
  readonly bullmq: RedisClient;
  readonly commands: RedisClient;
  readonly client: SearchClient;
  readonly store: ArticleStore;
  readonly corrections: CorrectionStore;
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
    this.bullmq = createRedis(redisTarget(env), "bullmq", "presswatch-pipeline-bullmq", logger);
    this.commands = createRedis(redisTarget(env), "commands", "presswatch-pipeline", logger);
    this.client = createSearchClient(searchOptions(env));
    this.store = createArticleStore(this.client, {
      prefix: env.INDEX_PREFIX,
      timeZone: analyzer.plan.timezone,
      layout: layoutFromEnv(env),
    });
    this.corrections = createCorrectionStore(this.client, { prefix: env.INDEX_PREFIX });
    this.families = new FamilyIndex(this.commands, env.QUEUE_PREFIX, undefined, env.FAMILY_HISTORY_DAYS);
    this.producers = new Producers(this.bullmq, env.QUEUE_PREFIX);
  }

  static async create(
    env: Env,
    logger: Logger,
    settings: Partial<PipelineSettings> = {},
  ): Promise<PipelineRuntime> {
    const analyzer = await loadAnalyzer(env.PLAN_FILE, env.THEME_MODEL_FILE, (warning) =>
      logger.warn({ plan: env.PLAN_FILE, model: env.THEME_MODEL_FILE }, warning),
    );
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

  /**
   * The story lookup of STORY_LOOKUP: the term index in Redis, whose candidates are compared on
   * their story cards (the texts of those without a card, and of the story's members for the
   * signals, come from the engine by id: one search for every job waiting meanwhile), or one
   * `more_like_this` search each.
   */
  private storyLookup(): Omit<StoryDeps, "settle"> {
    if (this.env.STORY_LOOKUP === "engine")
      return {
        candidates: (article: StoryQuery, windowHours: number) =>
          this.store.storyCandidates(article, { windowHours, size: STORY_CANDIDATES }),
      };
    const terms = new StoryTermIndex(
      this.commands,
      this.env.QUEUE_PREFIX,
      DEFAULT_STORY_SETTINGS.windowHours,
    );
    const docs = new Coalescer<string[], StoryCandidateDoc[]>(async (lists) => {
      const byId = new Map((await this.store.storyDocs(lists.flat())).map((doc) => [doc.id, doc]));
      return lists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
    });
    // The same query object comes to `candidates` then `record`: its terms are computed once.
    const entries = new WeakMap<StoryQuery, StoryTermEntry>();
    const entry = (article: StoryQuery) => {
      let found = entries.get(article);
      if (!found) {
        found = { id: article.id, at: Date.parse(article.published_at), terms: storyTermsOf(article.counts) };
        entries.set(article, found);
      }
      return found;
    };
    return {
      candidates: async (article: StoryQuery) => {
        const ids = await terms.candidates(entry(article));
        if (!ids.length) return [];
        const cards = await terms.cards(ids);
        const missing = ids.filter((_, i) => !cards[i]);
        // Articles analysed before cards existed, or whose card is gone: their text, counted here.
        const read = missing.length ? await docs.call(missing) : [];
        return [
          ...cards.flatMap((card) => (card ? [card] : [])),
          ...read.map((doc) => ({ ...doc, counts: countsOf(doc) })),
        ];
      },
      record: (article: StoryQuery, placed: { story: string; family: string }) =>
        terms.add({
          ...entry(article),
          card: {
            id: article.id,
            story_id: placed.story,
            cluster_id: placed.family,
            published_at: article.published_at,
            counts: article.hashed,
          },
        }),
      texts: (ids: string[]) => docs.call(ids),
    };
  }

  /**
   * What the analyze job needs: the analyzer, the families, the signals, the story lookup, and where
   * the document goes: `indexer`, the process's bulk batcher (analyze and index in one job: the job
   * ends once its document is in the engine), or without it the index queue.
   */
  analyzeJobDeps(indexer?: IndexBatcher) {
    const familyStories = new FamilyStories(this.commands, this.env.QUEUE_PREFIX);
    return {
      analyzer: this.analyzer,
      families: this.families,
      signals: this.signalsOf,
      stories: {
        ...this.storyLookup(),
        settle: (family: string, story: string) => familyStories.settle(family, story),
      },
      enqueueIndex: async (doc: ArticleDoc, demote: string | null, claims: string[]) => {
        if (indexer) {
          await indexer.index(doc, demote, claims);
          return;
        }
        // One index job per version of the article's text and analysis: re-sending it is a no-op.
        const jobId = hashId(`${doc.id}:${doc.content_hash}:${doc.analyzer_version}:${doc.cluster_id}`);
        await this.producers.add("index", { doc: { ...doc }, demote, claims }, { jobId });
      },
    };
  }

  /** The index stage's bulk batcher: drain it when its worker stops. */
  indexBatcher(): IndexBatcher {
    return new IndexBatcher(
      {
        store: this.store,
        originalsOf: (families) => this.families.originalsOf(families),
        correctionsOf: (ids) => this.corrections.correctionsOf(ids),
        // One alerts job per article, ever (within the queue's retention): see alertsJob.ts.
        enqueueAlerts: async (items) => {
          await this.producers.addBulk(
            "alerts",
            items.map(({ doc, claims }) => ({ payload: { id: doc.id, claims }, jobId: doc.id })),
          );
        },
      },
      { maxSize: this.settings.indexBatchSize, maxWaitMs: this.settings.indexMaxWaitMs },
    );
  }

  /** What the alerts job needs, with the percolation batcher to drain when its worker stops. */
  async alertsJobDeps(hooks: AlertHooks = {}) {
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
    const loads = new Coalescer<string, ArticleDoc | null>(async (ids) => {
      const byId = new Map((await this.store.getMany(ids)).map((doc) => [doc.id, doc]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const deps: AlertsJobDeps = {
      // One realtime multi-get for every alerts job waiting meanwhile, not a get each.
      load: (id: string) => loads.call(id),
      stores: {
        // A series silent for a month starts over; a story is over after a week.
        detectors: createStateStore<DetectorState>(this.commands, {
          prefix: statePrefix.spike,
          parse: (json, key) =>
            parseDetectorState(json, (reason) =>
              this.logger.warn({ key, reason }, "detector state unreadable: starting it over"),
            ),
          ttlSeconds: 30 * DAY_SECONDS,
        }),
        stories: createStateStore<StoryState>(this.commands, {
          prefix: statePrefix.story,
          parse: (json, key) =>
            parseStoryState(json, key, (reason) =>
              this.logger.warn({ key, reason }, "story state unreadable: starting it over"),
            ),
          ttlSeconds: 7 * DAY_SECONDS,
        }),
      },
      ledger: redisAlertLedger(this.commands, this.env.QUEUE_PREFIX),
      budget: cachedBudget(createBudgetStore(this.commands, this.env.QUEUE_PREFIX)),
      percolate: (doc: ArticleDoc) => percolator.add(doc),
      alerts,
      notify: hooks.notify,
    };
    return { deps, drain: () => percolator.drain() };
  }

  async close(): Promise<void> {
    this.stopSignals();
    await this.producers.close();
    await this.client.close();
    this.bullmq.disconnect();
    this.commands.disconnect();
  }
}
