/**
 * Prometheus metrics of the queues (prom-client), for the workers' /metrics: jobs done, failed for
 * good and retried per queue and stage, how long jobs take, and (read from Redis at each scrape)
 * how many jobs wait in each state and how old the oldest waiting one is.
 *
 * The counters count what this process did; the queue gauges describe the queue, so every process
 * that watches a queue reports the same figure (aggregate them with max(), not sum()).
 */
import type { Job, Queue, Worker } from "bullmq";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** The states an operator watches; "completed" is left out (kept for de-duplication, not a backlog). */
const STATES = ["waiting", "active", "delayed", "prioritized", "failed"] as const;

/** Seconds; the crawl's HTTP jobs take seconds, an index job waits for its bulk (≤ 1 s). */
const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export class JobMetrics {
  private readonly completed: Counter<"queue" | "stage">;
  private readonly failed: Counter<"queue" | "stage">;
  private readonly retried: Counter<"queue" | "stage">;
  private readonly duration: Histogram<"queue" | "stage" | "outcome">;
  private readonly indexed: Counter<"outlet">;
  private readonly queues = new Set<Queue>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.completed = new Counter({
      name: "presswatch_jobs_completed_total",
      help: "Jobs this process finished successfully, per queue and stage",
      labelNames: ["queue", "stage"],
      registers,
    });
    this.failed = new Counter({
      name: "presswatch_jobs_failed_total",
      help: "Jobs that failed for good in this process (out of attempts, or not retryable): they wait in the failed list",
      labelNames: ["queue", "stage"],
      registers,
    });
    this.retried = new Counter({
      name: "presswatch_jobs_retried_total",
      help: "Job attempts that failed in this process and will be tried again after a backoff",
      labelNames: ["queue", "stage"],
      registers,
    });
    this.duration = new Histogram({
      name: "presswatch_job_duration_seconds",
      help: "Time from a job's start to its outcome in this process",
      labelNames: ["queue", "stage", "outcome"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.indexed = new Counter({
      name: "presswatch_articles_indexed_total",
      help: "Articles written to the search engine, per outlet",
      labelNames: ["outlet"],
      registers,
    });
    const queues = this.queues;
    new Gauge({
      name: "presswatch_queue_jobs",
      help: "Jobs in the queue per state (read from Redis at each scrape)",
      labelNames: ["queue", "state"],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          [...queues].map(async (queue) => {
            const counts = await queue.getJobCounts(...STATES);
            for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    new Gauge({
      name: "presswatch_queue_oldest_waiting_seconds",
      help: "Age of the oldest job waiting in the queue (since it was added); 0 when none waits",
      labelNames: ["queue"],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          [...queues].map(async (queue) => {
            this.set({ queue: queue.name }, await oldestWaitingSeconds(queue));
          }),
        );
      },
    });
  }

  /** Counts the outcomes of a worker's jobs under `stage` (the role that runs it). */
  observe(worker: Worker, stage: string): void {
    const labels = { queue: worker.name, stage };
    worker.on("completed", (job: Job) => {
      this.completed.inc(labels);
      this.observeDuration(job, labels, "completed");
      const outlet = indexedOutlet(worker.name, job);
      if (outlet) this.indexed.inc({ outlet });
    });
    worker.on("failed", (job: Job | undefined) => {
      if (!job) return;
      // BullMQ sets finishedOn only when a job leaves for the failed list; a retry leaves it unset.
      const final = job.finishedOn !== undefined && job.finishedOn >= (job.processedOn ?? 0);
      (final ? this.failed : this.retried).inc(labels);
      this.observeDuration(job, labels, final ? "failed" : "retried");
    });
  }

  /** Reports the depth and the oldest waiting job of this queue at each scrape. */
  watch(queue: Queue): void {
    this.queues.add(queue);
  }

  private observeDuration(job: Job, labels: { queue: string; stage: string }, outcome: string): void {
    if (!job.processedOn) return;
    const end = job.finishedOn ?? Date.now();
    this.duration.observe({ ...labels, outcome }, Math.max(0, end - job.processedOn) / 1000);
  }
}

/**
 * The outlet of an article a job wrote to the engine: an analyze job ends once its document is
 * indexed (analyze and index are one job), an index job is one an earlier version queued.
 */
function indexedOutlet(queue: string, job: Job): string | undefined {
  const data = job.data as { outlet_id?: unknown; doc?: { outlet?: unknown } } | undefined;
  const outlet = queue === "analyze" ? data?.outlet_id : queue === "index" ? data?.doc?.outlet : undefined;
  return typeof outlet === "string" ? outlet : undefined;
}

async function oldestWaitingSeconds(queue: Queue): Promise<number> {
  // Ascending: the first job of the wait list is the one added longest ago.
  const [oldest] = await queue.getJobs(["wait"], 0, 0, true);
  if (!oldest) return 0;
  return Math.max(0, Date.now() - oldest.timestamp) / 1000;
}
