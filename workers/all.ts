/**
 * Every role in one process (crawl and pipeline), until SIGTERM or SIGINT: what `presswatch
 * workers` and the docker compose `workers` service run. `npx tsx workers/all.ts`
 */
import { ROLES, runRoles } from "./roles.ts";

await runRoles(ROLES, { name: "workers" });
