/**
 * The daily obligation check on its own: registers the daily job scheduler and runs its worker.
 * `npx tsx workers/obligations-check.ts` (`presswatch workers` runs it with the other roles).
 */
import { runRoles } from "./roles.ts";

await runRoles(["obligations"]);
