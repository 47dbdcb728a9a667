/**
 * The composition root: the one place where a process's roles are started. `startRoles` builds the
 * adapters the chosen roles need (the crawl runtime, the pipeline runtime, notifications), starts
 * one BullMQ worker per role with the same `workerOptions` and the same failure logger, and
 * returns one `stop()`; `runRoles` runs them until SIGTERM or SIGINT with one graceful shutdown.
 * `presswatch workers`, `presswatch crawl --workers`, the demo, the docker compose services, the
 * drills and the benches all start roles here; workers/<role>.ts are the single-role entries.
 *
 * Roles:
 *   scheduler    keeps one job scheduler per enabled source on the discover queue
 *   discover     discover jobs: one source's feed, sitemap or listing page → article URLs
 *   fetch        fetch jobs: an article URL over HTTP → an extracted article on `analyze`
 *   render       the same through Chromium, for `render: browser` sources
 *   analyze      extracted articles → analysed documents → the search engine in bulk → `alerts`
 *   index        index jobs (documents queued by an earlier version) → the search engine → `alerts`
 *   alerts       indexed articles → spike detectors, rumours, watchlists → stored alerts → `notify`
 *   notify       alert notifications (signed webhooks, e-mail), retried with backoff
 *   obligations  the daily obligation check: an alert for each period behind pace
 *
 * Stopping takes no job that is not finished (bounded by the grace period); a harder kill loses
 * nothing either: BullMQ hands a dead worker's jobs to another once their locks expire, and host
 * slots expire with their leases.
 */
import { Queue, Worker, type WorkerOptions } from "bullmq";
import { Registry } from "prom-client";
import { type Env, parseEnv } from "../src/config/env.ts";
import { runArticleJob } from "../src/crawl/articleJob.ts";
import { runDiscoverJob } from "../src/crawl/discoverJob.ts";
import { CrawlMetrics } from "../src/crawl/metrics.ts";
import { planSchedules } from "../src/crawl/schedule.ts";
import { syncSchedulers } from "../src/crawl/scheduler.ts";
import { type CrawlSettings, crawlSettings, DEFAULT_WORKER_TUNING } from "../src/crawl/settings.ts";
import { createLogger, type Logger } from "../src/log.ts";
import { type NotifyJobOptions, notifyJob } from "../src/notify/worker.ts";
import { runAlertsJob } from "../src/pipeline/alertsJob.ts";
import { runAnalyzeJob } from "../src/pipeline/analyzeJob.ts";
import type { RedisClient } from "../src/queue/connection.ts";
import { consume, QUEUES } from "../src/queue/contract.ts";
import { countRedis } from "../src/queue/redisCount.ts";
import { CrawlRuntime } from "./crawlRuntime.ts";
import type { WorkerHttp } from "./http.ts";
import { notificationHooks, notifyJobOptions } from "./notifications.ts";
import { type ObligationCheckOptions, obligationCheckJob, scheduleObligationCheck } from "./obligations.ts";
import { observe } from "./observability.ts";
import { type AlertHooks, PipelineRuntime, type PipelineSettings } from "./pipelineRuntime.ts";

export const CRAWL_ROLES = ["scheduler", "discover", "fetch", "render"] as const;
export const PIPELINE_ROLES = ["analyze", "index", "alerts", "notify", "obligations"] as const;
export type CrawlRole = (typeof CRAWL_ROLES)[number];
export type PipelineRole = (typeof PIPELINE_ROLES)[number];
export type Role = CrawlRole | PipelineRole;
export const ROLES: readonly Role[] = [...CRAWL_ROLES, ...PIPELINE_ROLES];

export const isCrawlRole = (role: string): role is CrawlRole =>
  (CRAWL_ROLES as readonly string[]).includes(role);
export const isPipelineRole = (role: string): role is PipelineRole =>
  (PIPELINE_ROLES as readonly string[]).includes(role);

export interface Stoppable {
  stop(): Promise<void>;
}

/** A started role: what stops it, and the BullMQ worker behind it (the scheduler has none). */
export interface RolePart extends Stoppable {
  worker?: Worker;
}

/** How long a job's lock lasts and how often stalled jobs are looked for: the same for every role. */
export type WorkerTuning = Pick<CrawlSettings["worker"], "lockDurationMs" | "stalledIntervalMs">;

/** The options of every BullMQ worker of every role. */
export function workerOptions(
  connection: RedisClient,
  prefix: string,
  tuning: WorkerTuning,
  concurrency: number,
): WorkerOptions {
  return {
    connection,
    prefix,
    concurrency,
    lockDuration: tuning.lockDurationMs,
    stalledInterval: tuning.stalledIntervalMs,
    // A job held by a killed process is taken back twice before it counts as failed.
    maxStalledCount: 2,
  };
}

/** Failures are logged with the job's fields; BullMQ keeps the error on the job itself. */
export function logFailures(worker: Worker, role: string, logger: Logger): Worker {
  worker.on("failed", (job, error) => {
    logger.error({ worker: role, job: job?.id, attempts: job?.attemptsMade, err: error }, "job failed");
  });
  worker.on("error", (error) => logger.error({ worker: role, err: error }, "worker error"));
  // A worker that died mid-job (SIGKILL, a lost host) leaves its jobs to be taken up again.
  worker.on("stalled", (jobId: string) =>
    logger.warn({ worker: role, job: jobId }, "job stalled: its worker stopped answering; it runs again"),
  );
  return worker;
}

const closing = (worker: Worker): RolePart => ({ worker, stop: () => worker.close() });

// ── crawl roles ──────────────────────────────────────────────────────────────────────────────────

export function startDiscoverWorker(rt: CrawlRuntime): Worker {
  const deps = rt.discoverJobDeps();
  const processor = consume("discover", (payload, { job, signal }) =>
    runDiscoverJob(payload, { ...deps, logger: deps.logger.child({ job: job.id }) }, signal),
  );
  const options = workerOptions(
    rt.bullmq,
    rt.settings.queuePrefix,
    rt.settings.worker,
    rt.settings.worker.concurrency.discover,
  );
  return logFailures(new Worker(QUEUES.discover.name, processor, options), "discover", rt.logger);
}

export function startArticleWorker(rt: CrawlRuntime, mode: "http" | "browser"): Worker {
  const deps = rt.articleJobDeps(mode);
  const key = mode === "http" ? "fetch" : "render";
  const processor = consume(key, (payload, { job, signal }) =>
    runArticleJob(payload, { ...deps, logger: deps.logger.child({ job: job.id }) }, signal),
  );
  const concurrency =
    mode === "http" ? rt.settings.worker.concurrency.fetch : rt.settings.worker.concurrency.render;
  const options = workerOptions(rt.bullmq, rt.settings.queuePrefix, rt.settings.worker, concurrency);
  return logFailures(new Worker(QUEUES[key].name, processor, options), key, rt.logger);
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

export function startScheduler(rt: CrawlRuntime): Stoppable {
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

// ── pipeline roles ───────────────────────────────────────────────────────────────────────────────

/**
 * Analyze and index in one job: each analyze job hands its document to the process's bulk batcher
 * and ends once the bulk carrying it is in the engine (and the bulk's alerts jobs are queued). A
 * job killed before that runs again whole: the family and story assignments replay, the document
 * is indexed by id, the alerts job id is the article id.
 */
export function startAnalyzeWorker(p: PipelineRuntime, tuning: WorkerTuning): RolePart {
  const batcher = p.indexBatcher();
  const deps = p.analyzeJobDeps(batcher);
  const processor = consume("analyze", (payload) => runAnalyzeJob(payload, deps));
  const options = workerOptions(p.bullmq, p.env.QUEUE_PREFIX, tuning, p.settings.analyzeConcurrency);
  const worker = logFailures(new Worker(QUEUES.analyze.name, processor, options), "analyze", p.logger);
  return {
    worker,
    stop: async () => {
      // Closing waits for the jobs in hand, which wait for their bulk: send it now.
      const closed = worker.close();
      await batcher.drain();
      await closed;
    },
  };
}

export function startIndexWorker(p: PipelineRuntime, tuning: WorkerTuning): RolePart {
  const batcher = p.indexBatcher();
  const processor = consume("index", (payload) => batcher.index(payload.doc, payload.demote, payload.claims));
  const options = workerOptions(p.bullmq, p.env.QUEUE_PREFIX, tuning, p.settings.indexBatchSize);
  const worker = logFailures(new Worker(QUEUES.index.name, processor, options), "index", p.logger);
  return {
    worker,
    stop: async () => {
      // Closing waits for the jobs in hand, which wait for their bulk: send it now.
      const closed = worker.close();
      await batcher.drain();
      await closed;
    },
  };
}

export async function startAlertsWorker(
  p: PipelineRuntime,
  tuning: WorkerTuning,
  hooks: AlertHooks = {},
): Promise<RolePart> {
  const { deps, drain } = await p.alertsJobDeps(hooks);
  const processor = consume("alerts", async (payload) => {
    const result = await runAlertsJob(payload, deps);
    if (result.created.length) p.logger.info({ article: result.id, alerts: result.created }, "alerts raised");
    return result;
  });
  const options = workerOptions(p.bullmq, p.env.QUEUE_PREFIX, tuning, p.settings.alertsConcurrency);
  const worker = logFailures(new Worker(QUEUES.alerts.name, processor, options), "alerts", p.logger);
  return {
    worker,
    stop: async () => {
      const closed = worker.close();
      await drain();
      await closed;
    },
  };
}

export interface NotifyWorkerOptions extends NotifyJobOptions {
  /** A BullMQ-ready connection; the caller owns and closes it. */
  connection: RedisClient;
  prefix: string;
  concurrency?: number;
  tuning?: WorkerTuning;
}

/** The notify worker: delivers alert notifications from the notify queue (src/notify/worker.ts). */
export function startNotifyWorker(options: NotifyWorkerOptions) {
  const job = notifyJob(options);
  const tuning = options.tuning ?? DEFAULT_WORKER_TUNING;
  const processor = consume("notify", (payload, context) => job.run(payload, context));
  const worker = logFailures(
    new Worker(
      QUEUES.notify.name,
      processor,
      workerOptions(options.connection, options.prefix, tuning, options.concurrency ?? 4),
    ),
    "notify",
    options.logger,
  );
  return {
    worker,
    async stop(): Promise<void> {
      await worker.close();
      await job.close();
    },
  };
}

/**
 * The daily obligation check as a role: a job scheduler fires once a day (any number of processes
 * may register it: one scheduler, one job a day) and the worker raises the alerts (obligations.ts).
 */
export async function startObligationCheck(
  p: PipelineRuntime,
  env: Env,
  logger: Logger,
  hooks: AlertHooks,
  options: ObligationCheckOptions & { tuning?: WorkerTuning } = {},
) {
  const log = logger.child({ worker: QUEUES.obligations.name });
  const queue = new Queue(QUEUES.obligations.name, { connection: p.bullmq, prefix: env.QUEUE_PREFIX });
  await scheduleObligationCheck(queue, p.analyzer.plan.timezone, options);
  const processor = consume("obligations", () => obligationCheckJob(p, env, log, hooks, options));
  const worker = logFailures(
    new Worker(
      QUEUES.obligations.name,
      processor,
      workerOptions(p.bullmq, env.QUEUE_PREFIX, options.tuning ?? DEFAULT_WORKER_TUNING, 1),
    ),
    "obligations",
    logger,
  );
  return {
    queue,
    worker,
    async stop() {
      await worker.close();
      await queue.close();
    },
  };
}

// ── one process ──────────────────────────────────────────────────────────────────────────────────

export interface StartOptions {
  /** The validated environment; read from the process's by default. */
  env?: Env;
  logger?: Logger;
  /** The process's name in its logs (the roles by default). */
  name?: string;
  /** Crawl settings over the environment's (tests and small machines shorten timeouts and locks). */
  crawl?: Partial<CrawlSettings>;
  pipeline?: Partial<PipelineSettings>;
  /** Replaces the notifications of NOTIFICATIONS_FILE (tests pass their own). */
  hooks?: AlertHooks;
  /** Where the process's Prometheus metrics go (the crawl's and the queues'). */
  registry?: Registry;
  /**
   * Serve /metrics and /health on this address (port 0: any free port). `runRoles` takes it from
   * WORKER_HTTP_HOST/WORKER_HTTP_PORT; without it, `startRoles` serves nothing (tests, benches).
   */
  http?: { host: string; port: number };
}

export interface Running {
  env: Env;
  logger: Logger;
  registry: Registry;
  /** The crawl's adapters, when a crawl role runs. */
  crawl: CrawlRuntime | null;
  /** The pipeline's adapters, when a pipeline role runs. */
  pipeline: PipelineRuntime | null;
  /** The /metrics and /health server, when one was asked for and its port was free. */
  http: WorkerHttp | null;
  stop(): Promise<void>;
}

/** Starts the given roles in this process; `stop()` finishes the jobs in hand and closes everything. */
export async function startRoles(roles: readonly Role[], options: StartOptions = {}): Promise<Running> {
  for (const role of roles) if (!ROLES.includes(role)) throw new Error(`unknown role "${role}"`);
  const env = options.env ?? parseEnv();
  const logger =
    options.logger ??
    createLogger(env.LOG_LEVEL, { role: options.name ?? roles.join(","), pid: process.pid });
  if (env.REDIS_COUNT) {
    // Before any connection exists: every one of them is counted (bench/e2e.ts asks on SIGUSR2).
    const counts = countRedis();
    process.on("SIGUSR2", () =>
      logger.info({ redis_commands: counts.commands, redis_writes: counts.writes }, "redis counts"),
    );
  }
  const settings = crawlSettings(env, options.crawl);
  const tuning: WorkerTuning = settings.worker;
  const registry = options.registry ?? new Registry();
  const crawlRoles = roles.filter(isCrawlRole);
  const pipelineRoles = roles.filter(isPipelineRole);
  const crawl = crawlRoles.length ? new CrawlRuntime(settings, logger, new CrawlMetrics(registry)) : null;
  const pipeline = pipelineRoles.length ? await PipelineRuntime.create(env, logger, options.pipeline) : null;
  const notifications =
    pipeline && !options.hooks && (roles.includes("alerts") || roles.includes("obligations"))
      ? await notificationHooks(pipeline, env, logger)
      : { hooks: options.hooks ?? {}, close: async () => undefined };

  const start = async (role: Role): Promise<RolePart> => {
    switch (role) {
      case "scheduler":
        return startScheduler(crawl!);
      case "discover":
        return closing(startDiscoverWorker(crawl!));
      case "fetch":
        return closing(startArticleWorker(crawl!, "http"));
      case "render":
        return closing(startArticleWorker(crawl!, "browser"));
      case "analyze":
        return startAnalyzeWorker(pipeline!, tuning);
      case "index":
        return startIndexWorker(pipeline!, tuning);
      case "alerts":
        return startAlertsWorker(pipeline!, tuning, notifications.hooks);
      case "notify":
        return startNotifyWorker({
          ...(await notifyJobOptions(pipeline!, env, logger)),
          connection: pipeline!.bullmq,
          prefix: env.QUEUE_PREFIX,
          tuning,
        });
      case "obligations":
        return startObligationCheck(pipeline!, env, logger, notifications.hooks, { tuning });
    }
  };
  const parts = await Promise.all(roles.map(start));
  const observability = await observe(
    roles.map((role, i) => ({ role, part: parts[i]! })),
    { env, logger, registry, ...(options.http ? { http: options.http } : {}) },
  );
  if (crawlRoles.length) logger.info({ roles: crawlRoles.join(",") }, "crawl workers started");
  if (pipelineRoles.length) logger.info({ roles: pipelineRoles }, "pipeline workers started");
  return {
    env,
    logger,
    registry,
    crawl,
    pipeline,
    http: observability.http,
    async stop() {
      await observability.stopHttp();
      await Promise.allSettled(parts.map((part) => part.stop()));
      await observability.close();
      await notifications.close();
      await pipeline?.close();
      await crawl?.close();
    },
  };
}

/**
 * Resolves once the process was asked to stop (SIGTERM, SIGINT) and `stop` has finished; exits
 * with 1 when the jobs in hand outlast the grace period (stall recovery takes them then).
 */
export function untilSignal(stop: () => Promise<void>, logger: Logger, graceMs = 30_000): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "stopping");
      const timer = setTimeout(() => {
        logger.warn(
          { grace_ms: graceMs },
          "jobs still running after the grace period; leaving them to stall recovery",
        );
        process.exit(1);
      }, graceMs);
      timer.unref();
      await stop();
      clearTimeout(timer);
      resolve();
    };
    process.once("SIGTERM", () => void onSignal("SIGTERM"));
    process.once("SIGINT", () => void onSignal("SIGINT"));
  });
}

/** Runs the roles until SIGTERM or SIGINT, then stops them (and `also`, first) gracefully. */
export async function runRoles(
  roles: readonly Role[],
  options: StartOptions & { graceMs?: number; also?: Stoppable[] } = {},
): Promise<void> {
  const env = options.env ?? parseEnv();
  const http =
    options.http ??
    (env.WORKER_HTTP_PORT ? { host: env.WORKER_HTTP_HOST, port: env.WORKER_HTTP_PORT } : undefined);
  const running = await startRoles(roles, { ...options, env, ...(http ? { http } : {}) });
  await untilSignal(
    async () => {
      await Promise.allSettled((options.also ?? []).map((part) => part.stop()));
      await running.stop();
    },
    running.logger,
    options.graceMs,
  );
}
