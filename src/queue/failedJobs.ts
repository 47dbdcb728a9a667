/**
 * The failed jobs of every queue of the contract (contract.ts), for the administrators' queue page
 * and API: what failed, why, after how many attempts, and retrying one job or all of them. Jobs
 * that ran out of attempts or failed for good stay in BullMQ's failed list until retried.
 */
import { type Job, Queue } from "bullmq";
import type { RedisClient } from "./connection.ts";
import { QUEUES, type QueueKey } from "./contract.ts";
import { summarizeJobData } from "./jobSummary.ts";

export const QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];

export const isQueueKey = (value: string): value is QueueKey => (QUEUE_KEYS as string[]).includes(value);

export interface FailedJobView {
  queue: QueueKey;
  id: string;
  attempts: number;
  max_attempts: number;
  error: string;
  /** The first lines of the last attempt's stack, when the error carried one. */
  stack: string | null;
  summary: string;
  added_at: string;
  failed_at: string | null;
}

export interface QueueCounts {
  queue: QueueKey;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export class FailedJobs {
  private readonly queues = new Map<QueueKey, Queue>();

  constructor(
    private readonly connection: RedisClient,
    private readonly prefix: string,
  ) {}

  private queue(key: QueueKey): Queue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue(QUEUES[key].name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(key, queue);
    }
    return queue;
  }

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUE_KEYS.map(async (key) => {
        const c = await this.queue(key).getJobCounts("waiting", "active", "delayed", "failed", "completed");
        return {
          queue: key,
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        };
      }),
    );
  }

  /** The newest failures first, up to `limit` per queue. */
  async list(queue?: QueueKey, limit = 200): Promise<FailedJobView[]> {
    const keys = queue ? [queue] : QUEUE_KEYS;
    const lists = await Promise.all(
      keys.map(async (key) => (await this.queue(key).getFailed(0, limit - 1)).map((job) => view(key, job))),
    );
    return lists.flat().sort((a, b) => (b.failed_at ?? "").localeCompare(a.failed_at ?? ""));
  }

  /** Sends one failed job back to its queue; false when no such job is failed now. */
  async retry(queue: QueueKey, id: string): Promise<boolean> {
    const job = await this.queue(queue).getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry("failed");
    return true;
  }

  /** Sends every failed job of the queue (of every queue, without one) back; returns how many. */
  async retryAll(queue?: QueueKey): Promise<number> {
    let retried = 0;
    for (const key of queue ? [queue] : QUEUE_KEYS) {
      for (const job of await this.queue(key).getFailed(0, -1)) {
        await job.retry("failed");
        retried++;
      }
    }
    return retried;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

function view(queue: QueueKey, job: Job): FailedJobView {
  const stack = job.stacktrace?.at(-1);
  return {
    queue,
    id: job.id ?? "",
    attempts: job.attemptsMade,
    max_attempts: job.opts.attempts ?? 1,
    error: job.failedReason ?? "",
    stack: stack ? stack.split("\n").slice(0, 4).join("\n") : null,
    summary: summarizeJobData(job.data),
    added_at: new Date(job.timestamp).toISOString(),
    failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}
