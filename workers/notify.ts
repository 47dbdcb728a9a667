/**
 * The notify worker on its own: `npx tsx workers/notify.ts` (`presswatch workers` runs it with the
 * other roles). See src/notify/worker.ts.
 */
import { parseEnv } from "../src/config/env.ts";
import { createLogger } from "../src/log.ts";
import { runPipelineRoles } from "../src/pipeline/process.ts";

const env = parseEnv();
await runPipelineRoles(env, createLogger(env.LOG_LEVEL, { role: "notify", pid: process.pid }), ["notify"]);
