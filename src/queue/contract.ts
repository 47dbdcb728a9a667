/**
 * The queue contract of the collection half of the pipeline, in one place: every queue's name, the
 * zod schema of its payload, its retry and retention policy, typed producers that validate before
 * adding, and a consumer wrapper that validates on take and turns our error classes into BullMQ's
 * outcomes (retry with backoff, fail for good, or come back later without spending an attempt).
 *
 * Glossary:
 *   discover  one run of one source (feed, sitemap, listing page) → article URLs
 *   fetch     one article URL over HTTP → an ExtractedArticle on `analyze`
 *   render    the same through Chromium, for `render: browser` sources
 *   analyze   extracted articles → analysed documents with their near-duplicate family and story
 *             → the search engine, in bulk (one job: analysed and indexed)
 *   index     analysed documents queued by an earlier version → the search engine, in bulk
 *   alerts    indexed articles → spike detectors, rumours, watchlists → stored alerts
 *   notify    one delivery of an alert (alert × rule × channel) → a webhook or an e-mail
 *   obligations  the daily obligation check (a job scheduler fires it) → obligation alerts
 */
import { createHash } from "node:crypto";
import { DelayedError, type Job, type JobsOptions, Queue, UnrecoverableError } from "bullmq";
import { z } from "zod";
import { articleDocSchema, extractedArticleSchema } from "../model/article.ts";
import { CrawlError, OutcomeError } from "../model/errors.ts";
import { channelSchema } from "../notify/rules.ts";
import type { RedisClient } from "./connection.ts";

const isoDate = z.iso.datetime({ offset: true });
const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

export const discoverPayloadSchema = z.object({
  source_id: z.string().min(1),
  trigger: z.enum(["schedule", "once", "manual"]).default("schedule"),
});

export const articlePayloadSchema = z.object({
  url: z.url(),
  outlet_id: z.string().min(1),
  source_id: z.string().min(1),
  discovered_at: isoDate,
  /** What the feed or sitemap said about the article; used only when the page says nothing. */
  hint: z.object({ title: z.string().optional(), published_raw: z.string().optional() }).default({}),
});

/** An analysed article for the search engine, checked against the model's schema. */
export const indexPayloadSchema = z.object({
  doc: articleDocSchema,
  /** The family's previous original, to be marked as a copy once this one is indexed. */
  demote: z.string().nullable().default(null),
  /** Registered false claims the article spreads: not indexed, passed on to the alerts stage. */
  claims: z.array(z.string().min(1)).default([]),
});

/**
 * An indexed article for the alerts stage. Only the id travels: the document is read back from
 * the engine (a realtime get), so completed jobs, kept a week to de-duplicate, stay small.
 */
export const alertsPayloadSchema = z.object({
  id: hex(32),
  claims: z.array(z.string().min(1)).default([]),
});

/**
 * One delivery of an alert notification (alert × rule × channel); the delivery id is the job id, so
 * an alert notified twice is delivered once. The alert travels with the job: delivery needs
 * neither the search engine nor the alerts worker.
 */
export const notifyPayloadSchema = z.object({
  delivery_id: z.string().regex(/^n-[0-9a-f]{32}$/),
  rule: z.string().min(1),
  channel: channelSchema,
  alert: z.looseObject({
    id: z.string().min(1),
    kind: z.string().min(1),
    title: z.string(),
    scope: z.looseObject({}),
    evidence: z.looseObject({ article_ids: z.array(z.string()) }),
    themes: z.array(z.string()),
    agencies: z.array(z.string()),
    created_at: z.string(),
  }),
  /** Set once the receiver accepted it, before recording: a retry then only records. */
  delivered_at: z.string().optional(),
});

/** The daily obligation check carries nothing: it evaluates the plan at the time it runs. */
export const obligationsPayloadSchema = z.looseObject({});

export type DiscoverPayload = z.infer<typeof discoverPayloadSchema>;
export type NotifyPayload = z.output<typeof notifyPayloadSchema>;
export type ArticlePayload = z.infer<typeof articlePayloadSchema>;
export type AlertsPayload = z.infer<typeof alertsPayloadSchema>;

const DAY = 86_400;

export interface RetryPolicy {
  attempts: number;
  /** First delay; each later one doubles. */
  backoffMs: number;
}

/**
 * Notifications: exponential backoff from `backoffMs` over `attempts` tries (defaults: 30 s
 * doubling, 12 tries — about a day and a half of a receiver being down). Completed jobs are kept
 * for 30 days: their ids are what stops a late duplicate notify() from sending again. Failed jobs
 * are kept until an operator retries or removes them.
 */
export const DEFAULT_NOTIFY_RETRY: RetryPolicy = { attempts: 12, backoffMs: 30_000 };

export function notifyJobOptions(retry: RetryPolicy = DEFAULT_NOTIFY_RETRY): JobsOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: 30 * DAY },
    removeOnFail: false,
  };
}

export const QUEUES = {
  discover: {
    name: "discover",
    schema: discoverPayloadSchema,
    // Expected failures of a run are values recorded on the source; attempts cover our own faults.
    jobOptions: {
      attempts: 2,
      backoff: { type: "exponential", delay: 5_000, jitter: 0.5 },
      removeOnComplete: { age: DAY, count: 2_000 },
      removeOnFail: { age: 30 * DAY },
    },
  },
  fetch: {
    name: "fetch",
    schema: articlePayloadSchema,
    // Completed jobs are kept a week: their ids de-duplicate URLs discovered twice meanwhile.
    jobOptions: {
      attempts: 4,
      backoff: { type: "exponential", delay: 30_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * DAY, count: 200_000 },
      removeOnFail: { age: 30 * DAY },
    },
  },
  render: {
    name: "render",
    schema: articlePayloadSchema,
    jobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 60_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * DAY, count: 50_000 },
      removeOnFail: { age: 30 * DAY },
    },
  },
  analyze: {
    name: "analyze",
    schema: extractedArticleSchema,
    // An analyze job also indexes its document (workers/roles.ts): it rides out the engine being
    // away as index jobs do.
    jobOptions: {
      attempts: 12,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * DAY, count: 200_000 },
      removeOnFail: false,
    },
  },
  index: {
    name: "index",
    schema: indexPayloadSchema,
    // The engine being away for a while is expected: retry long enough to ride it out.
    jobOptions: {
      attempts: 12,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.5 },
      removeOnComplete: { age: DAY, count: 100_000 },
      removeOnFail: false,
    },
  },
  alerts: {
    name: "alerts",
    schema: alertsPayloadSchema,
    // The job id is the article id, and completed jobs are kept a week: an article indexed again
    // meanwhile (a retry, a corrected text) is not counted twice by the detectors. Retries ride
    // out the engine being away, as for indexing.
    jobOptions: {
      attempts: 12,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * DAY, count: 200_000 },
      removeOnFail: false,
    },
  },
  notify: {
    name: "notify",
    schema: notifyPayloadSchema,
    jobOptions: notifyJobOptions(),
  },
  obligations: {
    name: "obligations",
    schema: obligationsPayloadSchema,
    jobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 60_000 },
      removeOnComplete: 30,
      removeOnFail: 90,
    },
  },
} as const satisfies Record<string, { name: string; schema: z.ZodType; jobOptions: JobsOptions }>;

export type QueueKey = keyof typeof QUEUES;
export type PayloadOf<K extends QueueKey> = z.input<(typeof QUEUES)[K]["schema"]>;
export type ParsedPayloadOf<K extends QueueKey> = z.output<(typeof QUEUES)[K]["schema"]>;

/** Job ids: the first 32 hex characters of a sha256, as the article id is defined. */
export function hashId(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export const articleId = (canonicalUrl: string) => hashId(canonicalUrl);
/** A fetch/render job per discovered URL: adding the same URL twice adds one job. */
export const articleJobId = (url: string) => hashId(url);

/** Typed producers for every queue; payloads are validated before they reach Redis. */
export class Producers {
  private readonly queues = new Map<QueueKey, Queue>();

  constructor(
    private readonly connection: RedisClient,
    readonly prefix: string,
  ) {}

  queue(key: QueueKey): Queue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue(QUEUES[key].name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(key, queue);
    }
    return queue;
  }

  async add<K extends QueueKey>(
    key: K,
    payload: PayloadOf<K>,
    options: { jobId?: string; delay?: number } = {},
  ) {
    const data = QUEUES[key].schema.parse(payload);
    return this.queue(key).add(key, data, { ...QUEUES[key].jobOptions, ...options });
  }

  async addBulk<K extends QueueKey>(key: K, items: Array<{ payload: PayloadOf<K>; jobId: string }>) {
    if (items.length === 0) return [];
    return this.queue(key).addBulk(
      items.map(({ payload, jobId }) => ({
        name: key,
        data: QUEUES[key].schema.parse(payload),
        opts: { ...QUEUES[key].jobOptions, jobId },
      })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/**
 * "Not now": the job should run again after `delayMs` without spending an attempt (a busy host,
 * a Crawl-delay). Thrown by job logic, turned into a delayed job by `consume`.
 */
export class DelayRequest extends Error {
  constructor(
    readonly delayMs: number,
    readonly reason: string,
  ) {
    super(`retry in ${delayMs} ms: ${reason}`);
    this.name = "DelayRequest";
  }
}

export interface JobContext {
  job: Job;
  signal: AbortSignal;
}

/**
 * Wraps job logic as a BullMQ processor. The one place where outcomes map to BullMQ:
 *   invalid payload                      → fails for good (retrying cannot fix it)
 *   DelayRequest                         → delayed, attempt not counted
 *   CrawlError, not retryable            → fails for good, message kept
 *   other OutcomeError, not retryable    → fails for good (a refused document, a bad webhook URL)
 *   retryable, anything else             → thrown as is: BullMQ retries with the queue's backoff
 *                                          and, after the last attempt, keeps it in "failed"
 */
export function consume<K extends QueueKey, R>(
  key: K,
  handler: (payload: ParsedPayloadOf<K>, context: JobContext) => Promise<R>,
) {
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<R> => {
    const parsed = QUEUES[key].schema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid ${key} payload: ${z.prettifyError(parsed.error)}`);
    try {
      return await handler(parsed.data as ParsedPayloadOf<K>, {
        job,
        signal: signal ?? new AbortController().signal,
      });
    } catch (error) {
      if (error instanceof DelayRequest) {
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError(error.message);
      }
      if (error instanceof CrawlError && !error.retryable)
        throw new UnrecoverableError(`${error.kind}: ${error.message}`);
      if (error instanceof OutcomeError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
