/**
 * `presswatch crawl`: crawl the configured sources.
 *
 *   crawl [--once] [--source ID]...     one crawl in this process, then a health table (the default)
 *   crawl --workers [--roles R,R]       run workers (discover, fetch, render, scheduler) until stopped
 *   crawl --health                      print every source's health
 *   crawl --failed | --retry-failed     list the crawl jobs that failed (with their error) / retry them
 *
 * Tuning for tests and small machines: --lock-ms, --stalled-ms, --lease-ms, --fetch-timeout-ms,
 * --retries, --concurrency N; --metrics-port N serves /metrics and /health there in workers mode (instead of WORKER_HTTP_PORT).
 */
import { Registry } from "prom-client";
import { parseEnv } from "../../src/config/env.ts";
import { listFailed, retryFailed } from "../../src/crawl/failed.ts";
import { troubleFirst } from "../../src/crawl/health.ts";
import { CrawlMetrics } from "../../src/crawl/metrics.ts";
import type { CrawlSettings } from "../../src/crawl/settings.ts";
import { crawlSettings } from "../../src/crawl/settings.ts";
import { createLogger } from "../../src/log.ts";
import type { SourceHealth } from "../../src/model/source.ts";
import { crawlOnce } from "../../workers/crawlOnce.ts";
import { CrawlRuntime } from "../../workers/crawlRuntime.ts";
import { CRAWL_ROLES, type CrawlRole, runRoles } from "../../workers/roles.ts";
import { type CommandSpec, integerOption, parseCommand, usageError, type Values } from "../args.ts";

const ROLES: readonly CrawlRole[] = ["discover", "fetch", "render", "scheduler"];
type Role = CrawlRole;

export const CRAWL: CommandSpec = {
  name: "crawl",
  summary:
    "Crawls the sources in config/sources/: one crawl in this process (the default), crawl workers, or the operator's views of source health and failed jobs.",
  usage: [
    "[--once] [--source ID]...",
    "--workers [--roles discover,fetch,render,scheduler] [--metrics-port N]",
    "--health",
    "--failed | --retry-failed",
  ],
  options: {
    once: { type: "boolean", help: "one crawl in this process, then a health table (the default)" },
    source: { type: "string", value: "ID", multiple: true, help: "crawl only this source" },
    workers: { type: "boolean", help: "run crawl workers until stopped (SIGTERM or Ctrl-C)" },
    roles: { type: "string", value: "R,R", help: `with --workers: the roles to run (${ROLES.join(", ")})` },
    "metrics-port": {
      type: "string",
      value: "N",
      help: "with --workers: serve Prometheus metrics on 127.0.0.1:N",
    },
    health: { type: "boolean", help: "print every source's health, silent and failing first" },
    failed: { type: "boolean", help: "list the crawl jobs that failed, with their error (JSON lines)" },
    "retry-failed": { type: "boolean", help: "send the failed crawl jobs back to their queue" },
    "lock-ms": { type: "string", value: "MS", help: "job lock duration (tests, small machines)" },
    "stalled-ms": { type: "string", value: "MS", help: "how often stalled jobs are looked for" },
    "lease-ms": { type: "string", value: "MS", help: "host politeness lease" },
    "fetch-timeout-ms": { type: "string", value: "MS", help: "total time allowed for one fetch" },
    retries: { type: "string", value: "N", help: "quick retries of a failed fetch" },
    concurrency: { type: "string", value: "N", help: "jobs at a time per role" },
  },
  notes: ["Reads REDIS_URL, QUEUE_PREFIX, DATA_DIR, CONFIG_DIR and the rest from the environment."],
};

const positiveInt = (name: string, values: Values) => integerOption(CRAWL, values, name);

/** Settings overrides from the flags, on top of the environment's defaults. */
function overrides(values: Values): Partial<CrawlSettings> {
  const defaults = crawlSettings(parseEnv());
  const lock = positiveInt("lock-ms", values);
  const stalled = positiveInt("stalled-ms", values);
  const lease = positiveInt("lease-ms", values);
  const timeout = positiveInt("fetch-timeout-ms", values);
  const retries = positiveInt("retries", values);
  const concurrency = positiveInt("concurrency", values);
  return {
    worker: {
      lockDurationMs: lock ?? defaults.worker.lockDurationMs,
      stalledIntervalMs: stalled ?? defaults.worker.stalledIntervalMs,
      concurrency: concurrency
        ? {
            discover: concurrency,
            fetch: concurrency,
            render: Math.min(concurrency, defaults.render.poolSize),
          }
        : defaults.worker.concurrency,
    },
    ...(lease ? { leaseTtlMs: lease } : {}),
    ...(timeout ? { fetchLimits: { totalTimeoutMs: timeout } } : {}),
    ...(retries !== undefined ? { quickRetries: { ...defaults.quickRetries, attempts: retries + 1 } } : {}),
  };
}

export function healthTable(rows: SourceHealth[]): string {
  const lines = rows.map((h) => {
    const error = h.last_error ? `${h.last_error.stage}/${h.last_error.kind}: ${h.last_error.message}` : "";
    return [
      h.source_id.padEnd(28),
      h.state.padEnd(8),
      String(h.items_last_run).padStart(5),
      String(h.new_items_last_run).padStart(5),
      error,
    ].join("  ");
  });
  return [["source".padEnd(28), "state".padEnd(8), "items", "  new", "last error"].join("  "), ...lines].join(
    "\n",
  );
}

function parseRoles(value: unknown): Role[] {
  const text = typeof value === "string" ? value : undefined;
  if (!text) return [...ROLES];
  const roles = text.split(",").map((role) => role.trim());
  for (const role of roles)
    if (!(CRAWL_ROLES as readonly string[]).includes(role))
      throw usageError(CRAWL, `unknown role "${role}"; roles: ${ROLES.join(", ")}`);
  return roles as Role[];
}

export async function runCrawl(args: string[]): Promise<number> {
  const { values } = parseCommand(CRAWL, args);
  const env = parseEnv();
  const settings = overrides(values);
  const registry = new Registry();

  if (values.workers) {
    // /metrics and /health on WORKER_HTTP_PORT, or on the port given here.
    const metricsPort = positiveInt("metrics-port", values);
    const http = metricsPort === undefined ? {} : { http: { host: env.WORKER_HTTP_HOST, port: metricsPort } };
    await runRoles(parseRoles(values.roles), { env, name: "crawl", crawl: settings, registry, ...http });
    return 0;
  }

  const logger = createLogger(env.LOG_LEVEL, { role: "crawl", pid: process.pid });
  const runtime = new CrawlRuntime(crawlSettings(env, settings), logger, new CrawlMetrics(registry));

  if (values.health) {
    const { sources } = await runtime.catalog.all();
    const health = await runtime.health.all(sources.map((source) => source.id));
    console.log(healthTable([...health].sort(troubleFirst)));
    await runtime.close();
    return 0;
  }

  if (values.failed || values["retry-failed"]) {
    try {
      if (values["retry-failed"])
        console.log(`${await retryFailed(runtime)} failed jobs sent back to the queue`);
      else for (const job of await listFailed(runtime)) console.log(JSON.stringify(job));
      return 0;
    } finally {
      await runtime.close();
    }
  }

  try {
    const only = values.source as string[] | undefined;
    const summary = await crawlOnce(runtime, only ? { only } : {});
    console.log(healthTable(summary.sources));
    console.log(
      `\n${summary.analyzeJobs} articles on the analyze queue; ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
