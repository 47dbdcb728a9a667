/**
 * Jobs that ran out of attempts or failed for good keep their error in BullMQ's "failed" state;
 * these let an operator list them and send them back to be tried again (`presswatch crawl --failed`,
 * `--retry-failed`), for example after fixing a source's selectors.
 */
import type { Producers, QueueKey } from "../queue/contract.ts";

/** What these need of the crawl runtime (workers/crawlRuntime.ts): its producers. */
type CrawlRuntime = { producers: Pick<Producers, "queue"> };

const CRAWL_QUEUES: QueueKey[] = ["discover", "fetch", "render"];

export interface FailedJob {
  queue: QueueKey;
  id: string;
  attempts: number;
  reason: string;
  data: unknown;
  failedAt: string | null;
}

export async function listFailed(rt: CrawlRuntime, limit = 1000): Promise<FailedJob[]> {
  const out: FailedJob[] = [];
  for (const queue of CRAWL_QUEUES) {
    for (const job of await rt.producers.queue(queue).getFailed(0, limit - 1)) {
      out.push({
        queue,
        id: job.id ?? "",
        attempts: job.attemptsMade,
        reason: job.failedReason,
        data: job.data,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      });
    }
  }
  return out;
}

/** Moves every failed crawl job back to waiting; returns how many. */
export async function retryFailed(rt: CrawlRuntime): Promise<number> {
  let retried = 0;
  for (const queue of CRAWL_QUEUES) {
    for (const job of await rt.producers.queue(queue).getFailed(0, -1)) {
      await job.retry("failed");
      retried++;
    }
  }
  return retried;
}
