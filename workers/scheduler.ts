/**
 * The scheduler: every tick, re-reads config/sources, reads each source's health and keeps one
 * BullMQ job scheduler per enabled source on the discover queue (jittered interval, slower when
 * quiet, backing off when failing). One is enough; a second one is harmless (upserts are idempotent).
 * `npx tsx workers/scheduler.ts`
 */
import { bootRuntime, runUntilSignal } from "../src/crawl/lifecycle.ts";
import { startScheduler } from "../src/crawl/workers.ts";

const { runtime, logger } = bootRuntime("scheduler");
const scheduler = startScheduler(runtime);
logger.info({ tick_ms: runtime.settings.schedulerTickMs }, "scheduler started");
await runUntilSignal([scheduler], runtime, logger);
