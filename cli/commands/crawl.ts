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
import { parseArgs } from "node:util";
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
import { CliError } from "../errors.ts";

const ROLES: readonly CrawlRole[] = ["discover", "fetch", "render", "scheduler"];
type Role = CrawlRole;

const OPTIONS = {
  once: { type: "boolean" },
  workers: { type: "boolean" },
  health: { type: "boolean" },
  failed: { type: "boolean" },
  "retry-failed": { type: "boolean" },
  roles: { type: "string" },
  source: { type: "string", multiple: true },
  "lock-ms": { type: "string" },
  "stalled-ms": { type: "string" },
  "lease-ms": { type: "string" },
  "fetch-timeout-ms": { type: "string" },
  retries: { type: "string" },
  concurrency: { type: "string" },
  "metrics-port": { type: "string" },
} as const;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new CliError(`--${name} must be a non-negative integer`, 2);
  return number;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false }>>["values"];

/** Settings overrides from the flags, on top of the environment's defaults. */
function overrides(values: Values): Partial<CrawlSettings> {
  const defaults = crawlSettings(parseEnv());
  const lock = positiveInt("lock-ms", values["lock-ms"]);
  const stalled = positiveInt("stalled-ms", values["stalled-ms"]);
  const lease = positiveInt("lease-ms", values["lease-ms"]);
  const timeout = positiveInt("fetch-timeout-ms", values["fetch-timeout-ms"]);
  const retries = positiveInt("retries", values.retries);
  const concurrency = positiveInt("concurrency", values.concurrency);
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

function parseRoles(text: string | undefined): Role[] {
  if (!text) return [...ROLES];
  const roles = text.split(",").map((role) => role.trim());
  for (const role of roles)
    if (!(CRAWL_ROLES as readonly string[]).includes(role))
      throw new CliError(`unknown role "${role}"; roles: ${ROLES.join(", ")}`, 2);
  return roles as Role[];
}

export async function runCrawl(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS, allowPositionals: false });
  const env = parseEnv();
  const settings = overrides(values);
  const registry = new Registry();

  if (values.workers) {
    // /metrics and /health on WORKER_HTTP_PORT, or on the port given here.
    const metricsPort = positiveInt("metrics-port", values["metrics-port"]);
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
    const summary = await crawlOnce(runtime, values.source ? { only: values.source } : {});
    console.log(healthTable(summary.sources));
    console.log(
      `\n${summary.analyzeJobs} articles on the analyze queue; ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
