/**
 * The index worker: analysed articles into OpenSearch in bulk, idempotently (document id = article
 * id). `npx tsx workers/index.ts`
 */
import { parseEnv } from "../src/config/env.ts";
import { createLogger } from "../src/log.ts";
import { runPipelineRoles } from "../src/pipeline/process.ts";

const env = parseEnv();
await runPipelineRoles(env, createLogger(env.LOG_LEVEL, { role: "index", pid: process.pid }), ["index"]);
