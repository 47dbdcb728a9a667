/**
 * The alerts worker: each indexed article through the spike detectors and its story (state in
 * Redis) and against the watchlists; the alerts raised are stored once each. `npx tsx workers/alerts.ts`
 */
import { parseEnv } from "../src/config/env.ts";
import { createLogger } from "../src/log.ts";
import { runPipelineRoles } from "../src/pipeline/process.ts";

const env = parseEnv();
await runPipelineRoles(env, createLogger(env.LOG_LEVEL, { role: "alerts", pid: process.pid }), ["alerts"]);
