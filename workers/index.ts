/**
 * The index worker: analysed articles into OpenSearch in bulk, idempotently (document id = article
 * id). `npx tsx workers/index.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["index"]);
