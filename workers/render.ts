/**
 * The render worker: the fetch worker's twin for `render: browser` sources, rendering pages in
 * Debian's Chromium (CHROMIUM_PATH) with a bounded page pool. `npx tsx workers/render.ts`
 */
import { bootRuntime, runUntilSignal, workerStoppable } from "../src/crawl/lifecycle.ts";
import { startArticleWorker } from "../src/crawl/workers.ts";

const { runtime, logger } = bootRuntime("render");
const worker = startArticleWorker(runtime, "browser");
logger.info({ queue: "render", pool: runtime.settings.render.poolSize }, "worker started");
await runUntilSignal([workerStoppable(worker)], runtime, logger);
