/**
 * The render worker: the fetch worker's twin for `render: browser` sources, rendering pages in
 * Debian's Chromium (CHROMIUM_PATH) with a bounded page pool. `npx tsx workers/render.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["render"]);
