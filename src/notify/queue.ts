/**
 * The notify queue: one job per delivery (alert × rule × channel), the delivery id as job id, so
 * an alert notified twice is delivered once. Its name, payload schema and retry policy live here,
 * beside the other queues' in spirit (src/queue/contract.ts) but owned by this feature. Keys share
 * the QUEUE_PREFIX of the other queues.
 *
 * Retries: exponential backoff from `backoffMs` over `attempts` tries (defaults: 30 s doubling, 12
 * tries — about a day and a half of a receiver being down). Completed jobs are kept for 30 days:
 * their ids are what stops a late duplicate notify() from sending again. Failed jobs are kept
 * until an operator retries or removes them.
 */
import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { channelSchema } from "./rules.ts";

export const NOTIFY_QUEUE = "notify";

const DAY_SECONDS = 86_400;

export interface RetryPolicy {
  attempts: number;
  /** First delay; each later one doubles. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 12, backoffMs: 30_000 };

export function notifyJobOptions(retry: RetryPolicy = DEFAULT_RETRY): JobsOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: 30 * DAY_SECONDS },
    removeOnFail: false,
  };
}

/** The alert travels with the job: delivery needs neither the search engine nor the alert worker. */
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

export type NotifyPayload = z.output<typeof notifyPayloadSchema>;

export function notifyQueue(connection: Redis, prefix: string): Queue {
  return new Queue(NOTIFY_QUEUE, { connection, prefix });
}
