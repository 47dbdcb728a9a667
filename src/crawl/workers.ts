/**
 * BullMQ workers for the crawl queues and the scheduler loop, built from a runtime. The entry files
 * in workers/ start one role each; `presswatch crawl` starts them together.
 */
import { type Job, Worker } from "bullmq";
import { consume, QUEUES } from "../queue/contract.ts";
import { runArticleJob } from "./articleJob.ts";
import { runDiscoverJob } from "./discoverJob.ts";
import type { CrawlRuntime } from "./runtime.ts";
import { planSchedules } from "./schedule.ts";
import { syncSchedulers } from "./scheduler.ts";

function workerOptions(rt: CrawlRuntime, concurrency: number) {
  return {
    connection: rt.bullmq,
    prefix: rt.settings.queuePrefix,
    concurrency,
    lockDuration: rt.settings.worker.lockDurationMs,
    stalledInterval: rt.settings.worker.stalledIntervalMs,
    // A job held by a killed process is taken back twice before it counts as failed.
    maxStalledCount: 2,
  };
}

/** Failures are logged with the job's fields; BullMQ keeps the error on the job itself. */
function logFailures(rt: CrawlRuntime, worker: Worker, role: string): Worker {
  worker.on("failed", (job: Job | undefined, error: Error) => {
    rt.logger.error({ worker: role, job: job?.id, attempts: job?.attemptsMade, err: error }, "job failed");
  });
  worker.on("error", (error) => rt.logger.error({ worker: role, err: error }, "worker error"));
  worker.on("stalled", (jobId: string) =>
    rt.logger.warn({ worker: role, job: jobId }, "job stalled: its worker stopped answering; it runs again"),
  );
  return worker;
}

export function startDiscoverWorker(rt: CrawlRuntime): Worker {
  const deps = rt.discoverJobDeps();
  const processor = consume("discover", (payload, { job, signal }) =>
    runDiscoverJob(payload, { ...deps, logger: deps.logger.child({ job: job.id }) }, signal),
  );
  return logFailures(
    rt,
    new Worker(QUEUES.discover.name, processor, workerOptions(rt, rt.settings.worker.concurrency.discover)),
    "discover",
  );
}

export function startArticleWorker(rt: CrawlRuntime, mode: "http" | "browser"): Worker {
  const deps = rt.articleJobDeps(mode);
  const key = mode === "http" ? "fetch" : "render";
  const processor = consume(key, (payload, { job, signal }) =>
    runArticleJob(payload, { ...deps, logger: deps.logger.child({ job: job.id }) }, signal),
  );
  const concurrency =
    mode === "http" ? rt.settings.worker.concurrency.fetch : rt.settings.worker.concurrency.render;
  return logFailures(rt, new Worker(QUEUES[key].name, processor, workerOptions(rt, concurrency)), key);
}

/** One planning round: sources from disk, health from Redis, schedulers brought in line. */
export async function scheduleOnce(rt: CrawlRuntime) {
  const { sources } = await rt.catalog.all();
  const health = new Map(
    (await rt.health.all(sources.map((source) => source.id))).map((h) => [h.source_id, h]),
  );
  const plans = planSchedules(sources, health);
  for (const plan of plans) {
    if (plan.reason === "backoff") {
      const last = health.get(plan.sourceId)?.last_error;
      rt.logger.warn(
        { source: plan.sourceId, every_ms: plan.everyMs, last_error: last },
        "source failing: backing off",
      );
    }
  }
  return syncSchedulers(rt.producers.queue("discover"), plans, rt.logger.child({ worker: "scheduler" }));
}

export function startScheduler(rt: CrawlRuntime): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = scheduleOnce(rt).catch((error: unknown) =>
      rt.logger.error({ worker: "scheduler", err: error }, "scheduling failed"),
    );
  };
  tick();
  const timer = setInterval(() => !stopped && tick(), rt.settings.schedulerTickMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
