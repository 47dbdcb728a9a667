/**
 * A process running pipeline roles until SIGTERM or SIGINT: stop taking jobs, finish those in hand
 * (bounded), close connections. A harder kill loses nothing: BullMQ hands the jobs of a dead
 * worker to another once their locks expire.
 */
import type { Env } from "../config/env.ts";
import type { Logger } from "../log.ts";
import { PipelineRuntime } from "./runtime.ts";

export type PipelineRole = "analyze" | "index";

export async function startPipelineRoles(env: Env, logger: Logger, roles: PipelineRole[]) {
  const runtime = await PipelineRuntime.create(env, logger);
  const parts = roles.map((role) =>
    role === "analyze" ? runtime.startAnalyzeWorker() : runtime.startIndexWorker(),
  );
  logger.info({ roles }, "pipeline workers started");
  return {
    runtime,
    async stop() {
      await Promise.allSettled(parts.map((part) => part.stop()));
      await runtime.close();
    },
  };
}

export async function runPipelineRoles(env: Env, logger: Logger, roles: PipelineRole[], graceMs = 30_000) {
  const running = await startPipelineRoles(env, logger, roles);
  await new Promise<void>((resolve) => {
    const stop = async (signal: string) => {
      logger.info({ signal }, "stopping");
      const timer = setTimeout(() => {
        logger.warn(
          { grace_ms: graceMs },
          "jobs still running after the grace period; leaving them to stall recovery",
        );
        process.exit(1);
      }, graceMs);
      timer.unref();
      await running.stop();
      clearTimeout(timer);
      resolve();
    };
    process.once("SIGTERM", () => void stop("SIGTERM"));
    process.once("SIGINT", () => void stop("SIGINT"));
  });
}
