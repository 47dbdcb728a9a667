/**
 * The alerts worker: each indexed article through the spike detectors and its story (state in
 * Redis) and against the watchlists; the alerts raised are stored once each. `npx tsx workers/alerts.ts`
 */
import { runRoles } from "./roles.ts";

await runRoles(["alerts"]);
