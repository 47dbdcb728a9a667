/**
 * A process running pipeline roles until SIGTERM or SIGINT: stop taking jobs, finish those in hand
 * (bounded), close connections. A harder kill loses nothing: BullMQ hands the jobs of a dead
 * worker to another once their locks expire.
 */
import type { Env } from "../config/env.ts";
import type { Logger } from "../log.ts";
import { notificationHooks, startNotifications } from "./notifications.ts";
import { startObligationCheck } from "./obligationCheck.ts";
import { type AlertHooks, PipelineRuntime } from "./runtime.ts";

export type PipelineRole = "analyze" | "index" | "alerts" | "notify" | "obligations";

export const PIPELINE_ROLES: readonly PipelineRole[] = [
  "analyze",
  "index",
  "alerts",
  "notify",
  "obligations",
];

export async function startPipelineRoles(
  env: Env,
  logger: Logger,
  roles: PipelineRole[],
  /** Replaces the notifications of NOTIFICATIONS_FILE (tests pass their own). */
  hooks?: AlertHooks,
) {
  const runtime = await PipelineRuntime.create(env, logger);
  const notifications =
    hooks || !(roles.includes("alerts") || roles.includes("obligations"))
      ? { hooks: hooks ?? {}, close: async () => undefined }
      : await notificationHooks(runtime, env, logger);
  const start = (role: PipelineRole) => {
    switch (role) {
      case "analyze":
        return runtime.startAnalyzeWorker();
      case "index":
        return runtime.startIndexWorker();
      case "alerts":
        return runtime.startAlertsWorker(notifications.hooks);
      case "notify":
        return startNotifications(runtime, env, logger);
      case "obligations":
        return startObligationCheck(runtime, env, logger, notifications.hooks);
    }
  };
  const parts = await Promise.all(roles.map(start));
  logger.info({ roles }, "pipeline workers started");
  return {
    runtime,
    async stop() {
      await Promise.allSettled(parts.map((part) => part.stop()));
      await notifications.close();
      await runtime.close();
    },
  };
}

export async function runPipelineRoles(
  env: Env,
  logger: Logger,
  roles: PipelineRole[],
  options: { graceMs?: number; hooks?: AlertHooks } = {},
) {
  const graceMs = options.graceMs ?? 30_000;
  const running = await startPipelineRoles(env, logger, roles, options.hooks);
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
