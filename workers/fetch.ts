/**
 * The fetch worker: fetches article URLs over HTTP (robots.txt, per-host limits across processes,
 * SSRF guard), stores the raw HTML, extracts the article and puts it on the analyze queue.
 * `npx tsx workers/fetch.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["fetch"]);
