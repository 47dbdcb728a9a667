/**
 * `presswatch workers`: every worker role in one process — the crawl (scheduler, discover, fetch,
 * render) and the pipeline (analyze, index, alerts) — until SIGTERM or SIGINT. For more throughput run
 * more processes (or containers) against the same Redis and OpenSearch: workers keep no state.
 */
import { bootRuntime, runUntilSignal, workerStoppable } from "../../src/crawl/lifecycle.ts";
import { startArticleWorker, startDiscoverWorker, startScheduler } from "../../src/crawl/workers.ts";
import { PIPELINE_ROLES, startPipelineRoles } from "../../src/pipeline/process.ts";
import { CliError } from "../errors.ts";

export async function runWorkers(args: string[]): Promise<number> {
  if (args.length)
    throw new CliError("usage: presswatch workers (no options; see `presswatch crawl --workers --roles`)", 2);
  const { env, runtime, logger } = bootRuntime("workers");
  const pipeline = await startPipelineRoles(env, logger, [...PIPELINE_ROLES]);
  const parts = [
    startScheduler(runtime),
    workerStoppable(startDiscoverWorker(runtime)),
    workerStoppable(startArticleWorker(runtime, "http")),
    workerStoppable(startArticleWorker(runtime, "browser")),
    pipeline,
  ];
  logger.info("all workers started");
  await runUntilSignal(parts, runtime, logger);
  return 0;
}
