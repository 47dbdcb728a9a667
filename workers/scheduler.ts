/**
 * The scheduler: every tick, re-reads config/sources, reads each source's health and keeps one
 * BullMQ job scheduler per enabled source on the discover queue (jittered interval, slower when
 * quiet, backing off when failing). One is enough; a second one is harmless (upserts are idempotent).
 * `npx tsx workers/scheduler.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["scheduler"]);
