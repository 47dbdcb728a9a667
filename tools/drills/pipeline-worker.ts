/**
 * A pipeline worker process for the drills and the end-to-end bench: the given roles
 * (`analyze,index` by default) until SIGTERM or SIGINT, exactly as workers/analyze.ts and
 * workers/index.ts run them, but in one process.
 *
 *   npx tsx tools/drills/pipeline-worker.ts [analyze,index[,alerts]]
 */
import { isPipelineRole, runRoles } from "../../workers/roles.ts";

const roles = (process.argv[2] ?? "analyze,index").split(",").map((role) => role.trim());
for (const role of roles) if (!isPipelineRole(role)) throw new Error(`unknown pipeline role "${role}"`);
await runRoles(roles.filter(isPipelineRole));
