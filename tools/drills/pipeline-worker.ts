/**
 * A pipeline worker process for the drills and the end-to-end bench: the given roles
 * (`analyze,index` by default) until SIGTERM or SIGINT, exactly as workers/analyze.ts and
 * workers/index.ts run them, but in one process.
 *
 *   npx tsx tools/drills/pipeline-worker.ts [analyze,index[,alerts]]
 */
import { parseEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/log.ts";
import { PIPELINE_ROLES, type PipelineRole, runPipelineRoles } from "../../src/pipeline/process.ts";

const roles = (process.argv[2] ?? "analyze,index").split(",").map((role) => role.trim());
for (const role of roles)
  if (!PIPELINE_ROLES.includes(role as PipelineRole)) throw new Error(`unknown pipeline role "${role}"`);
const env = parseEnv();
await runPipelineRoles(
  env,
  createLogger(env.LOG_LEVEL, { role: roles.join(","), pid: process.pid }),
  roles as PipelineRole[],
);
