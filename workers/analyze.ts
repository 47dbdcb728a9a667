/**
 * The analyze worker: themes, agencies, places, tone and near-duplicate family of every extracted
 * article, then onto the index queue. `npx tsx workers/analyze.ts`
 */
import { parseEnv } from "../src/config/env.ts";
import { createLogger } from "../src/log.ts";
import { runPipelineRoles } from "../src/pipeline/process.ts";

const env = parseEnv();
await runPipelineRoles(env, createLogger(env.LOG_LEVEL, { role: "analyze", pid: process.pid }), ["analyze"]);
