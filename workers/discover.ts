/**
 * The discover worker: runs discovery jobs (one source's feed, sitemap or listing page) and queues
 * the new article URLs. Start as many as you like, on as many machines: `npx tsx workers/discover.ts`.
 */
import { runRoles } from "./roles.ts";

await runRoles(["discover"]);
