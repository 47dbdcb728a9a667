/**
 * Process lifecycle for the crawl workers: build the runtime from the environment, and on SIGTERM or
 * SIGINT stop taking jobs, let the running ones finish (bounded), then close every connection.
 * A process killed harder (SIGKILL) loses nothing either: its jobs' locks expire and another worker
 * takes them back; its host slots expire with their leases.
 */
import type { Worker } from "bullmq";
import { Registry } from "prom-client";
import { type Env, parseEnv } from "../config/env.ts";
import { createLogger, type Logger } from "../log.ts";
import { CrawlMetrics } from "./metrics.ts";
import { CrawlRuntime } from "./runtime.ts";
import { type CrawlSettings, crawlSettings } from "./settings.ts";

export interface Booted {
  env: Env;
  runtime: CrawlRuntime;
  registry: Registry;
  logger: Logger;
}

export function bootRuntime(role: string, overrides: Partial<CrawlSettings> = {}): Booted {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL, { role, pid: process.pid });
  const registry = new Registry();
  const runtime = new CrawlRuntime(crawlSettings(env, overrides), logger, new CrawlMetrics(registry));
  return { env, runtime, registry, logger };
}

export interface Stoppable {
  stop(): Promise<void>;
}

export const workerStoppable = (worker: Worker): Stoppable => ({ stop: () => worker.close() });

/** Resolves when the process was asked to stop and everything is closed. */
export function runUntilSignal(
  parts: Stoppable[],
  runtime: CrawlRuntime,
  logger: Logger,
  graceMs = 30_000,
): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
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
      await Promise.allSettled(parts.map((part) => part.stop()));
      await runtime.close();
      clearTimeout(timer);
      resolve();
    };
    process.once("SIGTERM", () => void stop("SIGTERM"));
    process.once("SIGINT", () => void stop("SIGINT"));
  });
}
