/**
 * Wiring of the second half of the pipeline (analyze → index): the analyzer compiled once, the
 * shared near-duplicate families in Redis, the article store, and the BullMQ workers that run the
 * jobs. Decisions live in analyzeJob.ts and indexJob.ts; this file only connects them.
 */
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Analyzer } from "../analyze/analyze.ts";
import type { Env } from "../config/env.ts";
import type { Logger } from "../log.ts";
import { createRedis } from "../queue/connection.ts";
import { consume, hashId, Producers, QUEUES } from "../queue/contract.ts";
import {
  type ArticleStore,
  createArticleStore,
  createSearchClient,
  type SearchClient,
} from "../store/index.ts";
import type { ArticleDoc } from "../store/types.ts";
import { runAnalyzeJob } from "./analyzeJob.ts";
import { FamilyIndex } from "./familyIndex.ts";
import { IndexBatcher } from "./indexJob.ts";
import { loadAnalyzer } from "./loadAnalyzer.ts";

export interface PipelineSettings {
  analyzeConcurrency: number;
  /** Jobs waiting at once for a bulk request: the upper bound of one bulk. */
  indexBatchSize: number;
  indexMaxWaitMs: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  analyzeConcurrency: 4,
  indexBatchSize: 200,
  indexMaxWaitMs: 500,
};

export class PipelineRuntime {
  readonly bullmq: Redis;
  readonly commands: Redis;
  readonly client: SearchClient;
  readonly store: ArticleStore;
  readonly families: FamilyIndex;
  readonly producers: Producers;

  private constructor(
    readonly env: Env,
    readonly analyzer: Analyzer,
    readonly logger: Logger,
    readonly settings: PipelineSettings,
  ) {
    this.bullmq = createRedis(env.REDIS_URL, "bullmq", "presswatch-pipeline-bullmq");
    this.commands = createRedis(env.REDIS_URL, "commands", "presswatch-pipeline");
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
    const runtime = new PipelineRuntime(env, analyzer, logger, { ...DEFAULT_PIPELINE_SETTINGS, ...settings });
    await runtime.store.ensureReady();
    logger.info({ analyzer: analyzer.version, index: runtime.store.alias }, "pipeline ready");
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
    return worker;
  }

  startAnalyzeWorker(): { stop(): Promise<void> } {
    const deps = {
      analyzer: this.analyzer,
      families: this.families,
      enqueueIndex: async (doc: ArticleDoc, demote: string | null) => {
        // One index job per version of the article's text and analysis: re-sending it is a no-op.
        const jobId = hashId(`${doc.id}:${doc.content_hash}:${doc.analyzer_version}:${doc.cluster_id}`);
        await this.producers.add("index", { doc: { ...doc }, demote }, { jobId });
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
      { store: this.store, originalOf: (family) => this.families.originalOf(family) },
      { maxSize: this.settings.indexBatchSize, maxWaitMs: this.settings.indexMaxWaitMs },
    );
    const processor = consume("index", (payload) =>
      batcher.index(payload.doc as unknown as ArticleDoc, payload.demote),
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

  async close(): Promise<void> {
    await this.producers.close();
    await this.client.close();
    this.bullmq.disconnect();
    this.commands.disconnect();
  }
}
