/**
 * The fetch worker: fetches article URLs over HTTP (robots.txt, per-host limits across processes,
 * SSRF guard), stores the raw HTML, extracts the article and puts it on the analyze queue.
 * `npx tsx workers/fetch.ts`
 */
import { bootRuntime, runUntilSignal, workerStoppable } from "../src/crawl/lifecycle.ts";
import { startArticleWorker } from "../src/crawl/workers.ts";

const { runtime, logger } = bootRuntime("fetch");
const worker = startArticleWorker(runtime, "http");
logger.info({ queue: "fetch", concurrency: runtime.settings.worker.concurrency.fetch }, "worker started");
await runUntilSignal([workerStoppable(worker)], runtime, logger);
