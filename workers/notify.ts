/**
 * The notify worker on its own: `npx tsx workers/notify.ts` (`presswatch workers` runs it with the
 * other roles). See src/notify/worker.ts.
 */
import { runRoles } from "./roles.ts";

await runRoles(["notify"]);
