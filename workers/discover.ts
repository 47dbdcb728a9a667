/**
 * The discover worker: runs discovery jobs (one source's feed, sitemap or listing page) and queues
 * the new article URLs. Start as many as you like, on as many machines: `npx tsx workers/discover.ts`.
 */
import { bootRuntime, runUntilSignal, workerStoppable } from "../src/crawl/lifecycle.ts";
import { startDiscoverWorker } from "../src/crawl/workers.ts";

const { runtime, logger } = bootRuntime("discover");
const worker = startDiscoverWorker(runtime);
logger.info(
  { queue: "discover", concurrency: runtime.settings.worker.concurrency.discover },
  "worker started",
);
await runUntilSignal([workerStoppable(worker)], runtime, logger);
