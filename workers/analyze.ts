/**
 * The analyze worker: themes, agencies, places, tone and near-duplicate family of every extracted
 * article, then onto the index queue. `npx tsx workers/analyze.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["analyze"]);
